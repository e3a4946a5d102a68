import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { outboxKey } from '../shared/adapters/table.js';

/**
 * `npm run test:aws`: the end-to-end flow against a deployed stack. Needs API_URL (the stack output
 * ApiUrl), SCHOOL_FORM_KEY (a school's key from `npm run admin -- rotate-key <school> --aws`), and
 * for the delivery check TABLE_NAME and AWS credentials. Without API_URL it says so and skips.
 */
const apiUrl = process.env.API_URL?.replace(/\/$/, '');
const formKey = process.env.SCHOOL_FORM_KEY;
if (!apiUrl || !formKey) {
  console.log(
    'test:aws skipped: set API_URL (stack output ApiUrl) and SCHOOL_FORM_KEY, and TABLE_NAME with AWS credentials to check delivery.',
  );
  process.exit(0);
}

function check(condition: boolean, message: string): void {
  if (!condition) {
    console.error(`FAIL ${message}`);
    process.exit(1);
  }
  console.log(`ok   ${message}`);
}

const health = await fetch(`${apiUrl}/api/v1/health`);
check(health.status === 200, `GET /api/v1/health answers 200 (got ${health.status})`);
check(!!health.headers.get('api-version'), 'responses carry API-Version');
const description = await fetch(`${apiUrl}/api/v1/openapi.json`);
check(
  description.status === 200 && description.headers.get('access-control-allow-origin') === '*',
  `GET /api/v1/openapi.json answers 200 with CORS * (got ${description.status})`,
);
const key = `aws-test-${Date.now()}`;
const body = {
  formKey,
  category: 'zorgsignaal',
  location: 'schoolgebouw',
  occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
  description: 'Testmelding van de beheerder om de keten te controleren; geen echte situatie.',
};
const post = (json: unknown) =>
  fetch(`${apiUrl}/api/v1/meldingen`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(json),
  });
const first = await post(body);
const created = (await first.json()) as { id?: string; notified?: string[] };
check(
  first.status === 201 && !!created.id,
  `POST /api/v1/meldingen answers 201 with an id (got ${first.status} ${created.id})`,
);
const again = (await (await post(body)).json()) as { id?: string };
check(again.id === created.id, 'the same Idempotency-Key gives the same id');
const form = await fetch(`${apiUrl}/formulieren/melding?sleutel=${encodeURIComponent(formKey)}`);
check(
  form.status === 200 &&
    (form.headers.get('content-security-policy') ?? '').includes("frame-ancestors 'none'"),
  'the form is served with its CSP',
);

if (process.env.TABLE_NAME) {
  const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const deadline = Date.now() + 60_000;
  let status = 'pending';
  while (Date.now() < deadline && status !== 'sent') {
    const out = await doc.send(
      new GetCommand({
        TableName: process.env.TABLE_NAME,
        Key: outboxKey({
          template: 'submission-recipient',
          subjectId: String(created.id),
          recipientId: String(created.notified?.[0]),
        }),
      }),
    );
    status = String(out.Item?.status ?? 'missing');
    if (status !== 'sent') await new Promise((r) => setTimeout(r, 2000));
  }
  check(
    status === 'sent',
    `the email to ${created.notified?.[0]} was sent within a minute (status ${status})`,
  );
} else {
  console.log(
    'skip delivery check: set TABLE_NAME (stack output) and AWS credentials to check that the email went out.',
  );
}

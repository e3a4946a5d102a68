import { calendarAnswerSchema } from '../app/calendar-actions.js';
import { answerSchemas } from '../domain/actions.js';
import { beeindigingSchema } from '../domain/beeindiging.js';
import { meldingSchema } from '../domain/melding.js';
import { amsterdamDate } from '../domain/time.js';
import { voorlichtingSchema } from '../domain/voorlichting.js';
import * as z from '../domain/zod.js';
import { dateToken, fillOpenApi, type OpenApiOptions, ORIGIN_TOKEN } from './openapi-fill.js';
import { PROBLEM_KINDS, type ProblemKind, problemOf, problemType } from './problems.js';
import { API_PREFIX, OPENAPI_PATH } from './routes.js';
import { API_VERSION } from './version.js';

/**
 * The OpenAPI 3.1 description of the JSON API, generated from the same zod schemas that validate
 * the requests (`z.toJSONSchema`, input side): a field added to a schema is in the description at
 * once. What zod cannot know (Dutch descriptions of fields, examples, responses) is added here.
 * Served at `/api/v1/openapi.json`; checked in `npm test` with the Logius API Design Rules ruleset
 * and by a contract test that sends every request example to the running API.
 */

type Json = Record<string, unknown>;

/** Placeholders in the examples; the contract test puts a real form key and signed link in their place. */
export const EXAMPLE_FORM_KEY = 'VOORBEELD-formuliersleutel-van-uw-organisatie';
export const EXAMPLE_TOKEN = 'v1.VOORBEELD.ondertekende-link-uit-de-e-mail';

/** Dutch descriptions per request field, by field name (the structure itself comes from zod). */
const FIELD_DESCRIPTIONS: Record<string, string> = {
  formKey:
    'De formuliersleutel van uw organisatie (uit de persoonlijke formulierlink, `?sleutel=`). Houd hem geheim.',
  idempotencyKey:
    'Optioneel in plaats van de kop `Idempotency-Key`: dezelfde sleutel met dezelfde inhoud geeft dezelfde inzending terug.',
  category: 'Soort melding.',
  subcategory:
    'Wat er gebeurde. Verplicht bij `strafbaar-feit` (diefstal, vernieling, geweld, bedreiging, wapenbezit, drugs, vuurwerk, seksueel-grensoverschrijdend, discriminatie, overig) en `onveilige-situatie` (pesten, online-pesten, overig).',
  location: 'Waar het gebeurde.',
  occurredAt:
    'Wanneer het gebeurde: ISO 8601 (`2026-11-27T10:30:00+01:00`; zonder tijdzone is het Amsterdamse tijd) of `27-11-2026 10:30`. Niet in de toekomst.',
  description:
    'Wat er gebeurde, zonder persoonsgegevens (artikel 23): geen namen, e-mailadressen, telefoonnummers, BSN, IBAN, adressen, geboortedata of accounts op sociale media.',
  aangifteOverwogen: 'Alleen bij `strafbaar-feit`: overweegt de school aangifte te doen?',
  provider: 'Wie de voorlichting geeft.',
  theme:
    'Het thema. Bij `halt` een van de thema’s van artikel 17 (jeugdcriminaliteit, groepsdruk, online-veiligheid, veilige-publieke-taak, overlast-jaarwisseling, wapens-en-geweld, online-fraude-en-cybercriminaliteit); anders vrije tekst zonder persoonsgegevens.',
  audience: 'Voor wie de voorlichting is.',
  groupSize: 'Het aantal deelnemers.',
  preferredDates:
    'Eén tot drie voorkeursdata: werkdagen in de toekomst (geen weekend of feestdag), als `2026-12-07` of `7-12-2026`.',
  withParentMeeting: 'Ook een ouderavond?',
  remarks: 'Opmerkingen, zonder persoonsgegevens.',
  reason: 'Toelichting of reden, zonder persoonsgegevens.',
  handling: 'Hoe de politie de melding oppakt (artikel 8).',
  text: 'Korte toelichting, zonder persoonsgegevens.',
  completedOn: 'Datum waarop de afdoening is afgerond (niet in de toekomst).',
  reference: 'De eigen referentie van Halt, zonder namen.',
  outcome: 'De uitkomst van het overleg over de beëindiging (artikel 22).',
  meetingOn: 'Datum van het overleg (niet in de toekomst).',
  answer: 'Het antwoord op de aanvraag.',
  plannedAt: 'Bij `geaccepteerd`: datum en tijd van de les.',
  proposedDates: 'Bij `ander-voorstel`: één tot drie andere werkdagen in de toekomst.',
  decision: 'Het besluit over verlenging (artikel 21a).',
  decidedOn: 'Datum van het besluit.',
  stillContact: 'Bent u nog de contactpersoon van uw organisatie?',
};

/** JSON Schema from zod, input side, without `$schema`, with the Dutch descriptions added. */
function schemaOf(schema: z.ZodMiniType, description: string): Json {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
  delete json.$schema;
  const properties = (json.properties ?? {}) as Record<string, Json>;
  for (const [name, property] of Object.entries(properties)) {
    const text = FIELD_DESCRIPTIONS[name];
    if (text) property.description = text;
    // The rules ask a format on every date field; the dates are ISO dates (the Dutch notation is accepted too).
    if (/Dates$/.test(name)) {
      property.format = 'date';
      property.items = { type: 'string', format: 'date' };
    }
  }
  return { description, ...json };
}

/** A schema with its Dutch description (zod/mini: metadata is a check, so the schema is a copy). */
const described = <T extends z.ZodMiniType>(schema: T, description: string): T =>
  schema.check(z.meta({ description })) as T;

const submissionAccepted = z.object({
  id: described(z.string(), 'Het referentienummer van de inzending.'),
  status: described(z.string(), 'De status van de inzending, bijvoorbeeld `ontvangen`.'),
  notified: described(z.array(z.string()), 'De organisaties (uit het adresboek) die een e-mail krijgen.'),
});

const responseSchemas = {
  InzendingOntvangen: described(submissionAccepted, 'De inzending is opgeslagen.'),
  BeeindigingOntvangen: described(
    z.extend(submissionAccepted, {
      termEnd: described(z.string(), 'Einddatum van de lopende looptijd van het convenant.'),
      timely: described(z.boolean(), 'Aangekondigd vóór of op die einddatum (artikel 22a)?'),
    }),
    'Het voornemen tot beëindiging is opgeslagen; alle andere partijen krijgen bericht.',
  ),
  AntwoordOntvangen: described(
    z.union([
      z.object({
        id: described(z.string(), 'Referentie van het antwoord.'),
        status: described(z.string(), 'De status van de melding of aanvraag na dit antwoord.'),
        linkStillOpen: described(z.boolean(), 'Kan deze link nog een volgend antwoord geven?'),
      }),
      z.object({
        status: described(z.string(), 'Wat er is vastgelegd (antwoorden op de convenantkalender).'),
      }),
    ]),
    'Het antwoord is vastgelegd; de school (of elke partij) krijgt bericht.',
  ),
  Gezondheid: described(z.object({ status: z.literal('ok') }), 'De dienst en de opslag antwoorden.'),
  Probleem: described(
    z.object({
      type: described(z.string(), 'URI van het soort probleem (zie de README).'),
      status: described(z.number().check(z.int()), 'De HTTP-statuscode.'),
      title: described(z.string(), 'Korte Nederlandse omschrijving van het soort probleem.'),
      detail: described(z.string(), 'Wat er in dit geval mis is en wat u kunt doen, in het Nederlands.'),
      invalidParams: described(
        z.optional(
          z.array(
            z.object({
              name: described(z.string(), 'Het veld.'),
              reason: described(z.string(), 'Wat er mis is met het veld, zoals het formulier het toont.'),
              found: described(
                z.optional(
                  z.array(
                    z.object({
                      kind: described(
                        z.string(),
                        'Soort persoonsgegeven, bijvoorbeeld naam of telefoonnummer.',
                      ),
                      text: described(z.string(), 'De gevonden woorden, zoals ze in het veld staan.'),
                      start: described(z.number().check(z.int()), 'Begin in de tekst van het veld (UTF-16).'),
                      end: described(
                        z.number().check(z.int()),
                        'Einde (exclusief) in de tekst van het veld.',
                      ),
                    }),
                  ),
                ),
                'Bij persoonsgegevens (artikel 23): wat er gevonden is en waar.',
              ),
            }),
          ),
        ),
        'Elk ongeldig veld tegelijk, met de reden.',
      ),
    }),
    'Probleemdetails volgens RFC 9457.',
  ),
};

const jsonSchema = (schema: z.ZodMiniType): Json => {
  const json = z.toJSONSchema(schema) as Json;
  delete json.$schema;
  return json;
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const headers = {
  'API-Version': {
    description: 'De volledige versie van de API (semver).',
    schema: { type: 'string', example: API_VERSION },
  },
  'Retry-After': {
    description: 'Na hoeveel seconden u het opnieuw kunt proberen.',
    schema: { type: 'integer', example: 5 },
  },
  'Idempotent-Replayed': {
    description: '`true` als dit het antwoord op een eerder verzoek met dezelfde sleutel en inhoud is.',
    schema: { type: 'string', enum: ['true'] },
  },
  'Access-Control-Allow-Origin': {
    description: 'Elke website mag deze beschrijving lezen.',
    schema: { type: 'string', enum: ['*'] },
  },
};

const headerRefs = (...names: Array<keyof typeof headers>) =>
  Object.fromEntries(
    (['API-Version', ...names] as const).map((name) => [name, { $ref: `#/components/headers/${name}` }]),
  );

/** One error response: problem details with an example per kind of problem this status can be. */
function problemResponse(kinds: ProblemKind[], examples: Record<string, unknown> = {}, withRetry = false) {
  return {
    description: kinds.map((k) => PROBLEM_KINDS[k].title).join('; '),
    headers: headerRefs(...(withRetry ? (['Retry-After'] as const) : [])),
    content: {
      'application/problem+json': {
        schema: ref('Probleem'),
        examples: Object.fromEntries(
          kinds.map((kind) => [
            kind,
            {
              summary: PROBLEM_KINDS[kind].title,
              value:
                examples[kind] ?? problemOf(kind, [{ path: '', message: `${PROBLEM_KINDS[kind].title}.` }]),
            },
          ]),
        ),
      },
    },
  };
}

const invalidExample = problemOf('ongeldige-invoer', [
  {
    path: 'category',
    message:
      'Kies wat voor melding het is (strafbaar-feit, onveilige-situatie, overlast-omgeving of zorgsignaal).',
  },
  { path: 'description', message: 'Beschrijf kort wat er gebeurde, in minstens 10 tekens.' },
]);
const personalExample = problemOf('persoonsgegevens', [
  {
    path: 'description',
    message: 'Deze tekst bevat een telefoonnummer. Laat persoonsgegevens weg (artikel 23 van het convenant).',
  },
]);

/** The error responses every POST route can give. */
function postProblems(extra: Record<string, unknown>) {
  return {
    '400': problemResponse(['ongeldige-invoer', 'persoonsgegevens'], {
      'ongeldige-invoer': invalidExample,
      persoonsgegevens: personalExample,
    }),
    ...extra,
    '413': problemResponse(['te-groot']),
    '415': problemResponse(['niet-ondersteund-type']),
    '429': problemResponse(['te-veel-verzoeken'], {}, true),
    '500': problemResponse(['interne-fout']),
    '503': problemResponse(['tijdelijk-niet-beschikbaar'], {}, true),
  };
}

interface Example {
  summary: string;
  value: Json;
  /** The status the API answers this example with; the contract test checks it. */
  'x-expected-status': number;
}

function submissionOperation(options: {
  operationId: string;
  tag: string;
  summary: string;
  description: string;
  schema: string;
  accepted: string;
  examples: Record<string, Example>;
  forbidden: boolean;
}) {
  return {
    operationId: options.operationId,
    tags: [options.tag],
    summary: options.summary,
    description: options.description,
    parameters: [{ $ref: '#/components/parameters/IdempotencyKey' }],
    requestBody: {
      required: true,
      description:
        'JSON, of `application/x-www-form-urlencoded` zoals het formulier zonder JavaScript verstuurt; op dat laatste is het antwoord een webpagina (303 naar de bevestiging, of het formulier met de fouten), geen JSON.',
      content: {
        'application/json': { schema: ref(options.schema), examples: options.examples },
        'application/x-www-form-urlencoded': { schema: ref(options.schema) },
      },
    },
    responses: {
      '201': {
        description: 'Opgeslagen; de partners krijgen bericht.',
        headers: headerRefs('Idempotent-Replayed'),
        content: { 'application/json': { schema: ref(options.accepted) } },
      },
      ...postProblems({
        '401': problemResponse(['ongeldige-sleutel']),
        ...(options.forbidden ? { '403': problemResponse(['geen-toegang']) } : {}),
        '409': problemResponse(['idempotentiesleutel-in-behandeling']),
        '422': problemResponse(['idempotentiesleutel-hergebruikt']),
      }),
    },
  };
}

/** The document as served: the template built at build time, filled with the day and the origin. */
export function openApiDocument(options: OpenApiOptions = {}): Json {
  return fillOpenApi(JSON.stringify(openApiTemplate()), options);
}

/**
 * The document with a token for the origin and for each date its examples need (`{{gisteren}}`,
 * `{{werkdag+21}}`): the same on every day, so `forms/build.ts` writes it once (openapi.json) and the
 * health function fills it in without zod (`fillOpenApi`, README "Cold start"). The schemas come
 * from the live zod schemas; a unit test checks they do not depend on the day.
 */
export function openApiTemplate(now = new Date()): Json {
  const today = amsterdamDate(now);
  const stub = { today: () => today, isWorkingDay: () => true };
  const answers = answerSchemas(
    () => now,
    () => today,
  );
  const occurredAt = `${dateToken('gisteren')}T10:30:00+01:00`;

  const meldingExamples: Record<string, Example> = {
    diefstal: {
      summary: 'Een diefstal in het schoolgebouw',
      'x-expected-status': 201,
      value: {
        formKey: EXAMPLE_FORM_KEY,
        category: 'strafbaar-feit',
        subcategory: 'diefstal',
        location: 'schoolgebouw',
        occurredAt,
        description: 'Uit een kluisje in gang B zijn twee laptops gestolen.',
        aangifteOverwogen: true,
      },
    },
    overlast: {
      summary: 'Overlast in de omgeving van de school',
      'x-expected-status': 201,
      value: {
        formKey: EXAMPLE_FORM_KEY,
        category: 'overlast-omgeving',
        location: 'directe-omgeving',
        occurredAt,
        description: 'Een groep jongeren blokkeert elke middag de fietsenstalling bij de zij-ingang.',
      },
    },
    persoonsgegevens: {
      summary: 'Geweigerd: een telefoonnummer in de beschrijving (artikel 23)',
      'x-expected-status': 400,
      value: {
        formKey: EXAMPLE_FORM_KEY,
        category: 'onveilige-situatie',
        subcategory: 'pesten',
        location: 'schoolterrein',
        occurredAt,
        description: 'Bel de vader terug op 06-12345678 over het pesten op het plein.',
      },
    },
  };
  const voorlichtingExamples: Record<string, Example> = {
    halt: {
      summary: 'Een les van Halt over groepsdruk',
      'x-expected-status': 201,
      value: {
        formKey: EXAMPLE_FORM_KEY,
        provider: 'halt',
        theme: 'groepsdruk',
        audience: ['leerlingen', 'ouders'],
        groupSize: 60,
        preferredDates: [dateToken('werkdag+21'), dateToken('werkdag+28')],
        withParentMeeting: true,
      },
    },
  };
  const beeindigingExamples: Record<string, Example> = {
    voornemen: {
      summary: 'Een partij kondigt aan te willen stoppen (artikel 22)',
      'x-expected-status': 201,
      value: {
        formKey: EXAMPLE_FORM_KEY,
        reason: 'Onze organisatie fuseert en gaat op in een regionale samenwerking.',
      },
    },
    persoonsgegevens: {
      summary: 'Geweigerd: een e-mailadres in de toelichting (artikel 23)',
      'x-expected-status': 400,
      value: {
        formKey: EXAMPLE_FORM_KEY,
        reason: 'Vragen hierover graag aan directeur@stichting.example.org sturen.',
      },
    },
  };
  const answerExamples: Record<string, Example & { 'x-action': string }> = {
    gezien: {
      summary: 'Gezien (link in de e-mail bij een melding)',
      'x-action': 'gezien',
      'x-expected-status': 201,
      value: {},
    },
    terugkoppeling: {
      summary: 'Terugkoppeling van de wijkagent (artikel 8)',
      'x-action': 'terugkoppeling',
      'x-expected-status': 201,
      value: { handling: 'in-behandeling', text: 'De wijkagent loopt deze week langs.' },
    },
  };

  const submissionPaths = {
    '/meldingen': {
      post: submissionOperation({
        operationId: 'meldingIndienen',
        tag: 'Meldingen',
        summary: 'Een melding indienen',
        description:
          'Een school meldt een strafbaar feit, een onveilige situatie, overlast of een zorgsignaal (artikel 3a, 3h, 4). De partners die het convenant noemt krijgen meteen een e-mail. Alleen met de sleutel van een school.',
        schema: 'Melding',
        accepted: 'InzendingOntvangen',
        examples: meldingExamples,
        forbidden: true,
      }),
    },
    '/voorlichtingen': {
      post: submissionOperation({
        operationId: 'voorlichtingAanvragen',
        tag: 'Voorlichting',
        summary: 'Voorlichting aanvragen',
        description:
          'Een school vraagt een les of voorlichting aan bij Halt (artikel 17), de politie (artikel 9), JoU (artikel 3d) of de GGD (artikel 13). Alleen met de sleutel van een school.',
        schema: 'Voorlichting',
        accepted: 'InzendingOntvangen',
        examples: voorlichtingExamples,
        forbidden: true,
      }),
    },
    '/beeindigingen': {
      post: submissionOperation({
        operationId: 'beeindigingAankondigen',
        tag: 'Beëindiging',
        summary: 'Aankondigen dat uw organisatie wil stoppen',
        description:
          'Een partij kondigt schriftelijk aan dat zij wil stoppen met het convenant (artikel 22). Alle andere partijen krijgen bericht; de gemeente legt de uitkomst van het overleg vast. Met de sleutel van elke partij.',
        schema: 'Beeindiging',
        accepted: 'BeeindigingOntvangen',
        examples: beeindigingExamples,
        forbidden: false,
      }),
    },
    '/acties/{token}': {
      post: {
        operationId: 'antwoordGeven',
        tags: ['Antwoorden'],
        summary: 'Antwoorden via een ondertekende link',
        description:
          'Een partner antwoordt via de ondertekende link uit een e-mail, zonder account: gezien, terugkoppeling (artikel 8), afdoening (artikel 16), een antwoord op een aanvraag voor voorlichting, de datum of de uitkomst van een overleg over beëindiging (artikel 22b; een nieuwe datum via dezelfde link stuurt iedereen een wijziging, na de uitkomst antwoordt zij 409), of een antwoord op de convenantkalender. Welke velden horen bij welke link, staat in de link zelf.',
        parameters: [
          {
            name: 'token',
            in: 'path',
            required: true,
            description: 'De ondertekende link uit de e-mail (het deel na `/acties/`).',
            schema: { type: 'string', maxLength: 2000 },
            example: EXAMPLE_TOKEN,
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': { schema: ref('Antwoord'), examples: answerExamples },
          },
        },
        responses: {
          '200': {
            description: 'Dit antwoord was al vastgelegd (hetzelfde antwoord opnieuw).',
            headers: headerRefs(),
            content: { 'application/json': { schema: ref('AntwoordOntvangen') } },
          },
          '201': {
            description: 'Het antwoord is vastgelegd.',
            headers: headerRefs(),
            content: { 'application/json': { schema: ref('AntwoordOntvangen') } },
          },
          ...postProblems({
            '403': problemResponse(['geen-toegang']),
            '404': problemResponse(['niet-gevonden']),
            '409': problemResponse(['al-beantwoord']),
            '410': problemResponse(['link-verlopen']),
          }),
        },
      },
    },
    '/health': {
      get: {
        operationId: 'gezondheid',
        tags: ['Beheer'],
        summary: 'Werkt de dienst?',
        description: '200 als de dienst en de opslag antwoorden, 503 als de opslag niet antwoordt.',
        responses: {
          '200': {
            description: 'De dienst werkt.',
            headers: headerRefs(),
            content: {
              'application/json': { schema: ref('Gezondheid'), example: { status: 'ok' } },
            },
          },
          '500': problemResponse(['interne-fout']),
          '503': problemResponse(['tijdelijk-niet-beschikbaar'], {}, true),
        },
      },
    },
  } as Record<string, Record<string, Json>>;

  const deprecatedServer = ORIGIN_TOKEN;
  const paths: Record<string, unknown> = { ...submissionPaths };
  for (const [path, item] of Object.entries(submissionPaths)) {
    const deprecated: Record<string, unknown> = {
      servers: [{ url: deprecatedServer, description: 'Zonder versie in het pad (verouderd).' }],
    };
    for (const [method, operation] of Object.entries(item)) {
      const { examples: _examples, ...rest } = operation as Json;
      deprecated[method] = {
        ...rest,
        operationId: `${operation.operationId as string}ZonderVersie`,
        deprecated: true,
        summary: `${operation.summary as string} (verouderd pad)`,
        description: `Verouderd: gebruik \`${API_PREFIX}${path}\`. Dit pad blijft werken voor de formulieren en bestaande koppelingen, en antwoordt hetzelfde.`,
        requestBody: stripExamples(operation.requestBody as Json | undefined),
      };
    }
    paths[`/api${path}`] = deprecated;
  }
  paths['/openapi.json'] = {
    get: {
      operationId: 'beschrijving',
      tags: ['Beheer'],
      summary: 'Deze beschrijving (OpenAPI 3.1)',
      description: 'Elke website mag deze beschrijving lezen (CORS `*`); de andere routes niet.',
      responses: {
        '200': {
          description: 'De OpenAPI-beschrijving van deze API.',
          headers: headerRefs('Access-Control-Allow-Origin'),
          content: { 'application/json': { schema: { type: 'object' } } },
        },
        '500': problemResponse(['interne-fout']),
      },
    },
  };

  // fillOpenApi puts the origin the document is served from first.
  const servers = [
    {
      url: `https://veiligschool.example.org${API_PREFIX}`,
      description: 'Voorbeeld van een productieadres; uw gemeente publiceert het echte.',
    },
    { url: `http://localhost:3000${API_PREFIX}`, description: 'Op uw eigen computer (`npm start`).' },
  ];

  return {
    openapi: '3.1.0',
    info: {
      title: 'Veilig in en om school',
      version: API_VERSION,
      description: [
        'De API van het convenant "Veilig in en om school" (Utrecht): meldingen, aanvragen voor voorlichting, aankondigingen van beëindiging en antwoorden via ondertekende links.',
        '',
        'Fouten zijn probleemdetails (RFC 9457, `application/problem+json`) met `type`, `status`, `title` en `detail` in het Nederlands; bij ongeldige invoer staat elk ongeldig veld tegelijk in `invalidParams` (`name` en `reason`). Soorten problemen:',
        '',
        ...Object.entries(PROBLEM_KINDS).map(
          ([kind, spec]) => `- \`${problemType(kind as ProblemKind)}\` (${spec.status}): ${spec.title}.`,
        ),
        '',
        'Uitwisselen van persoonsgegevens is niet toegestaan (artikel 23): vrije tekst met persoonsgegevens wordt geweigerd.',
      ].join('\n'),
      contact: {
        name: 'Convenantcoördinator veiligheid, gemeente Utrecht',
        email: 'convenant@veiligschool.example.org',
        url: 'https://veiligschool.example.org/contact',
      },
    },
    servers,
    tags: [
      { name: 'Meldingen', description: 'Meldingen van scholen (artikel 3, 4).' },
      { name: 'Voorlichting', description: 'Aanvragen voor voorlichting (artikel 9, 13, 17, 3d).' },
      { name: 'Beëindiging', description: 'Stoppen met het convenant (artikel 22).' },
      { name: 'Antwoorden', description: 'Antwoorden van partners via ondertekende links.' },
      { name: 'Beheer', description: 'Gezondheid en beschrijving van de dienst.' },
    ],
    paths,
    components: {
      schemas: {
        Melding: schemaOf(
          meldingSchema(() => now),
          'Een melding (artikel 3a, 3h, 4).',
        ),
        Voorlichting: schemaOf(voorlichtingSchema(stub), 'Een aanvraag voor voorlichting.'),
        Beeindiging: schemaOf(beeindigingSchema, 'Een voornemen tot beëindiging (artikel 22a).'),
        Antwoord: {
          description: 'Het antwoord; welke vorm geldt, bepaalt de link.',
          oneOf: [
            schemaOf(answers.gezien, 'Gezien: zonder velden.'),
            schemaOf(answers.terugkoppeling, 'Terugkoppeling van de politie (artikel 8).'),
            schemaOf(answers.afdoening, 'Afdoening door Halt (artikel 16).'),
            schemaOf(answers['voorlichting-antwoord'], 'Antwoord op een aanvraag voor voorlichting.'),
            schemaOf(
              answers['beeindiging-uitkomst'],
              'Uitkomst van het overleg over beëindiging (artikel 22b, c).',
            ),
            schemaOf(
              answers['overleg-plannen'],
              'Datum, en eventueel tijd en plaats, van het overleg over beëindiging (artikel 22b).',
            ),
            schemaOf(
              calendarAnswerSchema('verlenging', () => today),
              'Besluit over verlenging (artikel 21a).',
            ),
            schemaOf(
              calendarAnswerSchema('evaluatie', () => today),
              'Antwoorden op de jaarlijkse vragenlijst (artikel 21b).',
            ),
            schemaOf(
              calendarAnswerSchema('contact', () => today),
              'Bevestiging van de contactpersoon.',
            ),
            schemaOf(
              calendarAnswerSchema('gedaan', () => today),
              'Een jaarlijkse taak van de school is gedaan (artikel 2b, 21c).',
            ),
          ].map((s, i) => (i === 0 ? { ...s, maxProperties: 0 } : { ...s, minProperties: 1 })),
        },
        ...Object.fromEntries(Object.entries(responseSchemas).map(([name, s]) => [name, jsonSchema(s)])),
      },
      headers,
      parameters: {
        IdempotencyKey: {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description:
            'Een eigen sleutel per inzending (8 tot 100 letters, cijfers, - of _; bijvoorbeeld een UUID). Hetzelfde verzoek opnieuw geeft hetzelfde antwoord en geen nieuwe e-mails; dezelfde sleutel met een andere inhoud geeft 422, zolang het eerste verzoek nog loopt 409.',
          schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{8,100}$' },
          example: '0b6f8f0e-6c2a-4a8e-9d1e-2f7c1c9a4b11',
        },
      },
    },
  };
}

function stripExamples(body: Json | undefined): Json | undefined {
  if (!body) return body;
  const content = Object.fromEntries(
    Object.entries(body.content as Record<string, Json>).map(([type, media]) => {
      const { examples: _examples, ...rest } = media;
      return [type, rest];
    }),
  );
  return { ...body, content };
}

export { OPENAPI_PATH };

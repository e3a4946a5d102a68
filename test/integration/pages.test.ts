import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDutchInput } from '../../shared/domain/time.js';
import { postJson, startTestStack, type TestStack } from '../support/stack.js';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack?.stop();
});

const melding = () =>
  postJson(`${stack.url}/api/meldingen`, {
    formKey: stack.keyOf('lyceum-de-proefhoek'),
    category: 'strafbaar-feit',
    subcategory: 'diefstal',
    location: 'schoolgebouw',
    occurredAt: formatDutchInput(new Date(stack.now().getTime() - 3_600_000)),
    description: 'Een telefoon is weggenomen uit een tas in de gymzaal.',
  });

describe('Partner emails and the confirmation page', () => {
  it('gives the wijkagent the school’s contact from the directory, and a reply goes to it', async () => {
    const res = await melding();
    const [email] = await stack.waitForEmails(
      (e) => e.subject.includes(res.body.id) && e.destination.to[0] === 'wijkagent.oost@politie.example.org',
      1,
    );
    const school = stack.party('lyceum-de-proefhoek');
    expect(email?.replyTo).toEqual([school.email]);
    expect(email?.body.text).toContain(`${school.contactName}, ${school.name}: ${school.email}`);
  });

  it('mails a copy of the confirmation to the school’s directory address only, at most three times', async () => {
    const res = await melding();
    const key = encodeURIComponent(stack.keyOf('lyceum-de-proefhoek'));
    const copy = () =>
      fetch(`${stack.url}/formulieren/bevestiging/${res.body.id}/kopie?sleutel=${key}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: '',
        redirect: 'manual',
      });
    const first = await copy();
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toContain('kopie=1');
    const school = stack.party('lyceum-de-proefhoek').email;
    const toSchool = (e: { subject: string; destination: { to: string[] } }) =>
      e.subject.startsWith('Bevestiging') &&
      e.subject.includes(res.body.id) &&
      e.destination.to[0] === school;
    await stack.waitForEmails(toSchool, 2);
    expect((await copy()).status).toBe(303);
    expect((await copy()).status).toBe(303);
    expect((await copy()).status).toBe(429);
    await stack.waitForEmails(toSchool, 4);
    await stack.drain();
    expect((await stack.emails()).filter(toSchool)).toHaveLength(4);
    // Another school's key opens nothing and sends nothing.
    const other = await fetch(
      `${stack.url}/formulieren/bevestiging/${res.body.id}/kopie?sleutel=${encodeURIComponent(stack.keyOf('het-voorbeeldcollege'))}`,
      { method: 'POST', redirect: 'manual' },
    );
    expect(other.status).toBe(404);
  });

  it('shows what was sent, the status and who was told, on the page that is also the status link', async () => {
    const res = await melding();
    const key = encodeURIComponent(stack.keyOf('lyceum-de-proefhoek'));
    const html = await (
      await fetch(`${stack.url}/formulieren/bevestiging/${res.body.id}?sleutel=${key}`)
    ).text();
    expect(html).toContain('Een telefoon is weggenomen uit een tas in de gymzaal.');
    expect(html).toContain('Ontvangen, nog niet gezien');
    expect(html).toMatch(
      /<strong>Politie Stad-Utrecht, wijkagent Oost<\/strong>: Strafbare handelingen .* \(artikel 3a\)\./,
    );
    expect(html).toContain('Mail mij een kopie');
  });

  it('answers an unknown address with a Dutch page in the layout, and serves assets compressed', async () => {
    const res = await fetch(`${stack.url}/bestaat/niet`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('Pagina niet gevonden');
    expect(html).toContain('Toegankelijkheidsverklaring');
    const css = html.match(/href="(\/assets\/app\.[0-9a-f]+\.css)"/)?.[1];
    const raw = await fetch(`${stack.url}${css}`, { headers: { 'accept-encoding': 'br' } });
    expect(raw.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('permissions-policy')).not.toMatch(
      /interest-cohort|document-domain|vertical-scroll/,
    );
  });
});

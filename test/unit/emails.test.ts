import { describe, expect, it } from 'vitest';
import { confirmation, type MeldingSubmission, toRecipient } from '../../shared/domain/emails.js';
import type { Party } from '../../shared/domain/parties.js';

const school: Party = {
  id: 'school-a',
  name: 'School <A>',
  kind: 'school',
  role: 'school',
  wijk: 'Oost',
  schoolType: 'vo',
  contactName: 'Anne Voorbeeld',
  email: 'a@example.org',
  active: true,
};
const wijkagent: Party = {
  id: 'wa-oost',
  name: 'Wijkagent Oost',
  kind: 'politie',
  role: 'wijkagent',
  wijk: 'Oost',
  contactName: 'Bram Testsma',
  email: 'wa@example.org',
  active: true,
};
const submission: MeldingSubmission = {
  id: 'M-20261127-ABCDEFGH',
  kind: 'melding',
  createdAt: '2026-11-27T10:00:00.000Z',
  school: { id: school.id, name: 'School\r\nBcc: evil@example.org', wijk: 'Oost', schoolType: 'vo' },
  melding: {
    category: 'strafbaar-feit',
    subcategory: 'geweld',
    location: 'schoolterrein',
    occurredAt: '2026-11-27T09:00:00.000Z',
    description: '<script>alert(1)</script> & "quotes"',
    aangifteOverwogen: true,
  },
  recipients: [
    { partyId: 'wa-oost', name: 'Wijkagent Oost', role: 'wijkagent', article: '3a', reason: 'Altijd.' },
  ],
  gaps: [],
};

describe('Emails', () => {
  it('keeps the subject on one line, whatever the values hold', () => {
    const email = toRecipient(submission, submission.recipients[0]!, wijkagent, {});
    expect(email.subject).not.toMatch(/[\r\n]/);
    expect(email.subject).toBe(
      'Melding strafbaar feit (geweld) – School Bcc: evil@example.org, wijk Oost [M-20261127-ABCDEFGH]',
    );
  });

  it('escapes every value in the HTML part and keeps the text part literal', () => {
    const email = toRecipient(submission, submission.recipients[0]!, wijkagent, {});
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;');
    expect(email.text).toContain('<script>alert(1)</script> & "quotes"');
  });

  it('tells the recipient why, with the article, and the time in Amsterdam', () => {
    const email = toRecipient(submission, submission.recipients[0]!, wijkagent, {});
    expect(email.text).toContain('artikel 3a');
    expect(email.text).toContain('Wanneer: vrijdag 27 november 2026 om 10:00');
    expect(email.text).toContain('Aangifte overwogen: ja');
  });

  it('lists who was told and the gaps in the school’s confirmation', () => {
    const email = confirmation(
      { ...submission, gaps: [{ role: 'gebiedsmanager-veiligheid', article: '12b', wijk: 'Oost' }] },
      school,
      { status: 'http://localhost/acties/v1.abc.def' },
    );
    expect(email.subject.startsWith('Bevestiging melding strafbaar feit (geweld)')).toBe(true);
    // The role is not repeated when the name says it already.
    expect(email.text).toContain('Wijkagent Oost: Altijd (artikel 3a).');
    expect(email.text).toContain('Er is nog geen gebiedsmanager veiligheid voor wijk Oost bekend');
    expect(email.text).toContain('Veilig Thuis: 0800-2000');
    expect(email.text).toContain('Bekijk de status en de antwoorden:\nhttp://localhost/acties/v1.abc.def');
    expect(email.html).toContain('<a href="http://localhost/acties/v1.abc.def" style="display: inline-block');
  });
});

describe('Emails a partner is glad to get', () => {
  const contact = { school: 'School A', contactName: 'Anne Voorbeeld', email: 'a@example.org' };

  it('names the school’s contact from the directory and answers go to it', () => {
    const email = toRecipient(submission, submission.recipients[0]!, wijkagent, {}, contact);
    expect(email.replyTo).toBe('a@example.org');
    expect(email.text).toContain('CONTACT MET DE SCHOOL\n- Anne Voorbeeld, School A: a@example.org');
    expect(email.text).not.toContain('neem contact op met de contactpersoon van de school');
  });

  it('shows the answers as buttons and says "Referentie" once, and the school gets its own description', () => {
    const links = {
      gezien: 'http://localhost/acties/v1.a.b',
      terugkoppeling: 'http://localhost/acties/v1.c.d',
    };
    const email = toRecipient(submission, submission.recipients[0]!, wijkagent, links, contact);
    expect(email.html.match(/style="display: inline-block/g)).toHaveLength(2);
    expect(email.text).toContain(
      'Wat u kunt doen:\nMeld de school dat u de melding heeft gezien:\nhttp://localhost/acties/v1.a.b',
    );
    const copy = confirmation(submission, school, {});
    expect(copy.text.match(/Referentie/g)).toHaveLength(1);
    expect(copy.text).toContain('<script>alert(1)</script> & "quotes"');
    expect(copy.replyTo).toBeUndefined();
  });

  it('says "tijd onbekend" for a melding without a time, and never "wijkagent Oost (wijkagent)"', () => {
    const email = confirmation(
      {
        ...submission,
        melding: {
          ...submission.melding,
          occurredAt: '2026-11-27T11:00:00.000Z',
          occurredAtTimeUnknown: true,
        },
      },
      school,
      {},
    );
    expect(email.text).toContain('Wanneer: vrijdag 27 november 2026, tijd onbekend');
    expect(email.text).not.toMatch(/Wijkagent Oost \(wijkagent\)/i);
  });
});

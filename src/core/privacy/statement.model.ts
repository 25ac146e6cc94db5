import type { Config } from '../config/index.ts';
import type { Locale } from '../i18n/index.ts';
import type { ModuleDefinition } from '../module.ts';
import { roleLabel } from '../roles.ts';
import { activitiesOf } from './register.ts';
import type { LegalBasis, Period, ProcessingActivity, RetentionRule, SpecialCategoryBasis } from './register.types.ts';

/** Text may carry links written as [[label|/path]]; the view turns them into anchors. */
export type Block = { kind: 'p'; text: string } | { kind: 'list'; items: string[] } | { kind: 'facts'; facts: [string, string][] };

export interface StatementSection {
  id: string;
  title: string;
  blocks: Block[];
}

export interface StatementModel {
  locale: Locale;
  title: string;
  sections: StatementSection[];
}

export const statementPaths = {
  de: {
    statement: '/datenschutz',
    versions: '/datenschutz/versionen',
    compare: '/datenschutz/vergleich',
    request: '/datenschutz/anfrage',
    glossary: '/glossar',
    dpoForm: '/kontakt/datenschutz',
  },
  en: {
    statement: '/en/privacy',
    versions: '/en/privacy/versions',
    compare: '/en/privacy/compare',
    request: '/en/privacy/request',
    glossary: '/en/glossary',
    dpoForm: '/en/contact/data-protection',
  },
} as const;

const BASIS: Record<LegalBasis, Record<Locale, string>> = {
  'a-consent': {
    de: 'Ihre Einwilligung (Art. 6 Abs. 1 lit. a DSGVO), die Sie jederzeit mit Wirkung für die Zukunft widerrufen können',
    en: 'your consent (Art. 6(1)(a) GDPR), which you can withdraw at any time with effect for the future',
  },
  'b-contract': {
    de: 'die Erfüllung eines Vertrags oder vorvertraglicher Maßnahmen (Art. 6 Abs. 1 lit. b DSGVO)',
    en: 'performing a contract or steps before one (Art. 6(1)(b) GDPR)',
  },
  'c-legal-obligation': { de: 'eine rechtliche Verpflichtung (Art. 6 Abs. 1 lit. c DSGVO)', en: 'a legal obligation (Art. 6(1)(c) GDPR)' },
  'd-vital-interests': { de: 'lebenswichtige Interessen (Art. 6 Abs. 1 lit. d DSGVO)', en: 'vital interests (Art. 6(1)(d) GDPR)' },
  'e-public-task': {
    de: 'eine Aufgabe im öffentlichen Interesse (Art. 6 Abs. 1 lit. e DSGVO)',
    en: 'a task in the public interest (Art. 6(1)(e) GDPR)',
  },
  'f-legitimate-interests': {
    de: 'unser berechtigtes Interesse (Art. 6 Abs. 1 lit. f DSGVO)',
    en: 'our legitimate interest (Art. 6(1)(f) GDPR)',
  },
};

const SPECIAL: Record<SpecialCategoryBasis, Record<Locale, string>> = {
  'a-explicit-consent': {
    de: 'für besondere Kategorien Ihre ausdrückliche Einwilligung (Art. 9 Abs. 2 lit. a DSGVO)',
    en: 'for special categories your explicit consent (Art. 9(2)(a) GDPR)',
  },
  'b-employment': {
    de: 'für besondere Kategorien das Arbeitsrecht (Art. 9 Abs. 2 lit. b DSGVO, § 26 Abs. 3 BDSG)',
    en: 'for special categories employment law (Art. 9(2)(b) GDPR, § 26(3) BDSG)',
  },
  'f-legal-claims': {
    de: 'für besondere Kategorien die Verteidigung von Rechtsansprüchen (Art. 9 Abs. 2 lit. f DSGVO)',
    en: 'for special categories the defence of legal claims (Art. 9(2)(f) GDPR)',
  },
  'h-occupational-medicine': {
    de: 'für besondere Kategorien die Arbeitsmedizin (Art. 9 Abs. 2 lit. h DSGVO)',
    en: 'for special categories occupational medicine (Art. 9(2)(h) GDPR)',
  },
};

const L = {
  de: {
    title: 'Datenschutzerklärung',
    controller: 'Verantwortliche Stelle und Datenschutzbeauftragte',
    principles: 'Grundsätzliches',
    rights: 'Ihre Rechte',
    processors: 'Auftragsverarbeiter',
    purpose: 'Zweck',
    basis: 'Rechtsgrundlage',
    subjects: 'Betroffene Personen',
    categories: 'Welche Daten',
    source: 'Herkunft',
    recipients: 'Wer die Daten erhält',
    retention: 'Wie lange wir sie speichern',
    noCategories: 'keine personenbezogenen Daten',
    noRecipients: 'Niemand bei uns sieht diese Daten einzeln; sie werden nur automatisch verarbeitet.',
    roles: 'bei uns nur die zuständigen Beschäftigten',
    processorsUsed: 'in unserem Auftrag',
    thirdCountry: 'Eine Übermittlung in Drittländer findet nicht statt.',
    noRetention: 'Solange die Rechtsgrundlage besteht; danach löschen wir sie.',
  },
  en: {
    title: 'Privacy statement',
    controller: 'Controller and data-protection officer',
    principles: 'Principles',
    rights: 'Your rights',
    processors: 'Processors',
    purpose: 'Purpose',
    basis: 'Legal basis',
    subjects: 'People concerned',
    categories: 'Which data',
    source: 'Source',
    recipients: 'Who receives the data',
    retention: 'How long we keep them',
    noCategories: 'no personal data',
    noRecipients: 'Nobody at our company sees these data one by one; they are only processed automatically.',
    roles: 'at our company only the staff responsible',
    processorsUsed: 'on our behalf',
    thirdCountry: 'Data are not transferred to third countries.',
    noRetention: 'As long as the legal basis lasts; then we delete them.',
  },
} as const;

function period(after: Period, locale: Locale): string | null {
  const [n, unit] = 'days' in after ? [after.days, 'd'] : 'months' in after ? [after.months, 'm'] : [after.years, 'y'];
  if (n === 0) return null;
  const words = {
    de: { d: ['Tag', 'Tage'], m: ['Monat', 'Monate'], y: ['Jahr', 'Jahre'] },
    en: { d: ['day', 'days'], m: ['month', 'months'], y: ['year', 'years'] },
  }[locale][unit as 'd' | 'm' | 'y'];
  return `${n} ${n === 1 ? words[0] : words[1]}`;
}

/** A rule as a sentence: "Gelöscht 90 Tage nach dem Zugriff." */
export function ruleSentence(rule: RetentionRule, locale: Locale): string {
  const p = period(rule.after, locale);
  const verb =
    rule.action.kind === 'delete'
      ? { de: 'Gelöscht', en: 'Deleted' }[locale]
      : { de: 'Anonymisiert (der Personenbezug wird entfernt)', en: 'Anonymised (the link to the person is removed)' }[locale];
  const when = p
    ? { de: `${p} nach ${rule.startEvent.de}`, en: `${p} after ${rule.startEvent.en}` }[locale]
    : { de: `unmittelbar nach ${rule.startEvent.de}`, en: `as soon as ${rule.startEvent.en}` }[locale];
  const hold = rule.holdable
    ? {
        de: ' Erfordern Gründe der Nachweisbarkeit, der Kundenbetreuung oder gesetzliche Aufbewahrungsfristen eine längere Aufbewahrung, halten wir den Grund fest und löschen die Daten, sobald er entfällt.',
        en: ' Where proof, customer care or statutory retention periods require keeping them longer, we record the reason and delete the data as soon as it lapses.',
      }[locale]
    : '';
  return `${verb} ${when}.${hold}`;
}

function activitySection(a: ProcessingActivity, config: Config, locale: Locale): StatementSection {
  const t = L[locale];
  const org = config.organisation;
  const basis = [a.legalBasis.map((b) => BASIS[b][locale]).join(locale === 'de' ? ' und ' : ' and ')];
  if (a.specialCategories) basis.push(SPECIAL[a.specialCategories][locale]);
  const basisText = `${basis.join('; ')}.${a.legalBasisNote ? ` ${a.legalBasisNote[locale]}` : ''}`;
  const roles = a.recipients.roles.map((r) => roleLabel(org, r)[locale]);
  const recipients: string[] = [];
  if (roles.length) recipients.push(`${t.roles}: ${roles.join(', ')}.`);
  for (const name of a.recipients.processors ?? []) {
    const p = org.processors.find((x) => x.name === name);
    if (p) recipients.push(`${p.name} (${p.service[locale]}, ${p.location}) ${t.processorsUsed}.`);
  }
  for (const o of a.recipients.others ?? []) recipients.push(o[locale]);
  if (recipients.length === 0) recipients.push(t.noRecipients);
  recipients.push(t.thirdCountry);
  return {
    id: a.id.replace('.', '-'),
    title: a.title[locale],
    blocks: [
      { kind: 'p', text: a.purpose[locale] },
      ...(a.notes ?? []).map((n) => ({ kind: 'p' as const, text: n[locale] })),
      {
        kind: 'facts',
        facts: [
          [t.basis, basisText],
          [t.subjects, a.dataSubjects[locale]],
          [t.categories, a.dataCategories.length ? a.dataCategories.map((c) => c[locale]).join('; ') : t.noCategories],
          [t.source, a.source[locale]],
          [t.recipients, recipients.join(' ')],
          [t.retention, a.retention.length ? a.retention.map((r) => ruleSentence(r, locale)).join(' ') : t.noRetention],
        ],
      },
    ],
  };
}

/**
 * The published statement, generated from the configuration and the processing register: the
 * page can never say more or less than the code does.
 */
export function buildStatement(config: Config, modules: readonly ModuleDefinition[], locale: Locale): StatementModel {
  const org = config.organisation;
  const t = L[locale];
  const paths = statementPaths[locale];
  const de = locale === 'de';
  const controller: StatementSection = {
    id: 'verantwortlicher',
    title: t.controller,
    blocks: [
      {
        kind: 'p',
        text: de
          ? `Verantwortlich für die Verarbeitung Ihrer personenbezogenen Daten ist die ${org.name}, ${org.address.street}, ${org.address.postcode} ${org.address.city}, Telefon ${org.phone}, E-Mail ${org.email}.`
          : `The controller for the processing of your personal data is ${org.name}, ${org.address.street}, ${org.address.postcode} ${org.address.city}, phone ${org.phone}, e-mail ${org.email}.`,
      },
      {
        kind: 'p',
        text: de
          ? `Unsere Datenschutzbeauftragte, ${org.dataProtectionOfficer.name}, erreichen Sie jederzeit für Auskünfte und Fragen – am einfachsten über das [[Kontaktformular für die Datenschutzbeauftragte|${paths.dpoForm}]] oder per E-Mail an ${org.dataProtectionOfficer.email}.`
          : `You can reach our data-protection officer, ${org.dataProtectionOfficer.name}, at any time with questions and requests – most easily through the [[contact form for the data-protection officer|${paths.dpoForm}]] or by e-mail to ${org.dataProtectionOfficer.email}.`,
      },
    ],
  };
  const principles: StatementSection = {
    id: 'grundsaetzliches',
    title: t.principles,
    blocks: [
      {
        kind: 'p',
        text: de
          ? 'Wir schützen Ihre Daten nach dem Stand der Technik. Unsere Beschäftigten sind ausdrücklich zur Vertraulichkeit verpflichtet. Sie sehen personenbezogene Daten nur, wenn ihre Rolle in diesem Verzeichnis als Empfänger genannt ist, und jeder Zugriff wird protokolliert.'
          : 'We protect your data according to the state of the art. Our staff are expressly bound to confidentiality. They see personal data only where their role is named as a recipient in this register, and every access is logged.',
      },
      {
        kind: 'p',
        text: de
          ? 'Alle Seiten und Formulare übertragen Ihre Eingaben ausschließlich über eine verschlüsselte Verbindung (TLS). Unsere öffentlichen Seiten setzen keine Cookies und laden nichts von fremden Servern; alle Seiten und Formulare funktionieren auch ohne Cookies und ohne JavaScript.'
          : 'All pages and forms transmit what you enter only over an encrypted connection (TLS). Our public pages set no cookies and load nothing from other servers; every page and form also works without cookies and without JavaScript.',
      },
      {
        kind: 'p',
        text: de
          ? 'Dienste anderer Anbieter erkennen Sie an der Markierung „[extern]“. Diese erhalten Daten nur, wenn Sie sie dort selbst eingeben; dann ist der jeweilige Anbieter verantwortlich, und es gilt seine Datenschutzerklärung.'
          : 'Services of other providers are marked "[external]". They receive data only if you enter it there yourself; the provider is then responsible, and its own privacy terms apply.',
      },
      {
        kind: 'p',
        text: de
          ? `Technische Begriffe erklärt unser [[Glossar|${paths.glossary}]].`
          : `Technical terms are explained in our [[glossary|${paths.glossary}]].`,
      },
    ],
  };
  // The utility's services first, in module order; the platform's own processing (sign-in, mail,
  // letters, the privacy engine) after them.
  const core = new Set(['auth', 'privacy', 'mail', 'letters']);
  const ordered = [...modules.filter((m) => !core.has(m.name)), ...modules.filter((m) => core.has(m.name))];
  const activities = activitiesOf(ordered, config).map((a) => activitySection(a, config, locale));
  // Each right the platform carries out links to the request form with that right chosen.
  const ask = (kind: string, label: string) => `[[${label}|${paths.request}?kind=${kind}]]`;
  const rights: StatementSection = {
    id: 'ihre-rechte',
    title: t.rights,
    blocks: [
      {
        kind: 'list',
        items: de
          ? [
              `${ask('access', 'Auskunft')} über die Daten, die wir über Sie verarbeiten (Art. 15 DSGVO)`,
              `${ask('rectification', 'Berichtigung')} unrichtiger Daten (Art. 16 DSGVO)`,
              `${ask('erasure', 'Löschung')} (Art. 17 DSGVO) und ${ask('restriction', 'Einschränkung der Verarbeitung')} (Art. 18 DSGVO)`,
              `${ask('portability', 'Datenübertragbarkeit')}: Ihre selbst angegebenen Daten maschinenlesbar als JSON oder CSV (Art. 20 DSGVO)`,
              `${ask('objection', 'Widerspruch')} gegen Verarbeitungen, die auf unserem berechtigten Interesse beruhen (Art. 21 DSGVO)`,
              'Widerruf einer Einwilligung mit Wirkung für die Zukunft (Art. 7 Abs. 3 DSGVO)',
            ]
          : [
              `${ask('access', 'access')} to the data we process about you (Art. 15 GDPR)`,
              `${ask('rectification', 'rectification')} of inaccurate data (Art. 16 GDPR)`,
              `${ask('erasure', 'erasure')} (Art. 17 GDPR) and ${ask('restriction', 'restriction of processing')} (Art. 18 GDPR)`,
              `${ask('portability', 'data portability')}: the data you provided, machine-readable as JSON or CSV (Art. 20 GDPR)`,
              `${ask('objection', 'objection')} to processing based on our legitimate interest (Art. 21 GDPR)`,
              'withdrawal of consent with effect for the future (Art. 7(3) GDPR)',
            ],
      },
      {
        kind: 'p',
        text: de
          ? `Stellen Sie Ihre Anfrage am einfachsten über unser [[Formular für Ihre Datenschutzrechte|${paths.request}]]; wir antworten innerhalb eines Monats. Ist eine Anfrage besonders aufwendig, können wir die Frist um zwei Monate verlängern; dann teilen wir Ihnen das mit Begründung innerhalb des ersten Monats mit (Art. 12 Abs. 3 DSGVO).`
          : `The easiest way to make a request is our [[form for your privacy rights|${paths.request}]]; we answer within one month. If a request is particularly complex, we may extend this by two months; we then tell you why within the first month (Art. 12(3) GDPR).`,
      },
      {
        kind: 'p',
        text: de
          ? `Sie können sich außerdem bei einer Aufsichtsbehörde beschweren (Art. 77 DSGVO), zum Beispiel bei der für uns zuständigen: ${org.supervisoryAuthority.name}, ${org.supervisoryAuthority.address}, ${org.supervisoryAuthority.website}.`
          : `You can also lodge a complaint with a supervisory authority (Art. 77 GDPR), for example the one responsible for us: ${org.supervisoryAuthority.name}, ${org.supervisoryAuthority.address}, ${org.supervisoryAuthority.website}.`,
      },
    ],
  };
  const processors: StatementSection = {
    id: 'auftragsverarbeiter',
    title: t.processors,
    blocks: org.processors.length
      ? [
          {
            kind: 'p',
            text: de
              ? 'Diese Auftragsverarbeiter verarbeiten Daten in unserem Auftrag, nach unseren Weisungen und vertraglich gebunden (Art. 28 DSGVO), ausschließlich in der EU:'
              : 'These processors handle data on our behalf, on our instructions and bound by contract (Art. 28 GDPR), exclusively in the EU:',
          },
          { kind: 'list', items: org.processors.map((p) => `${p.name} – ${p.service[locale]} (${p.location})`) },
        ]
      : [{ kind: 'p', text: de ? 'Wir setzen keine Auftragsverarbeiter ein.' : 'We use no processors.' }],
  };
  return { locale, title: t.title, sections: [controller, principles, ...activities, rights, processors] };
}

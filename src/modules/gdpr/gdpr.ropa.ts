import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';
import type { Config } from '../../core/config/index.ts';
import { formatDateTime, type Locale } from '../../core/i18n/index.ts';
import type { ModuleDefinition } from '../../core/module.ts';
import { activitiesOf, buildStatement, ruleSentence } from '../../core/privacy/index.ts';
import { roleLabel } from '../../core/roles.ts';

/**
 * The record of processing activities (Art. 30(1) GDPR), generated from the same register that
 * renders the statement and drives retention: it cannot describe processing the code does not do.
 */
export function ropaDocument(config: Config, modules: readonly ModuleDefinition[], now: Date) {
  const org = config.organisation;
  const label = (l: { de: string; en: string }) => l.de;
  return {
    title: 'Verzeichnis von Verarbeitungstätigkeiten (Art. 30 Abs. 1 DSGVO)',
    generatedAt: now.toISOString(),
    controller: {
      name: org.name,
      address: `${org.address.street}, ${org.address.postcode} ${org.address.city}`,
      email: org.email,
      phone: org.phone,
      representatives: org.managingDirectors,
    },
    dataProtectionOfficer: { name: org.dataProtectionOfficer.name, email: org.dataProtectionOfficer.email },
    activities: activitiesOf(modules, config).map((a) => ({
      id: a.id,
      name: label(a.title),
      purpose: label(a.purpose),
      legalBasis: a.legalBasis.map((b) => `Art. 6 Abs. 1 lit. ${b.slice(0, 1)} DSGVO`),
      specialCategories: a.specialCategories ? `Art. 9 Abs. 2 lit. ${a.specialCategories.slice(0, 1)} DSGVO` : null,
      legalBasisNote: a.legalBasisNote ? label(a.legalBasisNote) : null,
      dataSubjects: label(a.dataSubjects),
      dataCategories: a.dataCategories.map(label),
      personalColumns: a.personalColumns,
      recipients: {
        roles: a.recipients.roles.map((r) => roleLabel(org, r).de),
        processors: (a.recipients.processors ?? []).map((name) => {
          const p = org.processors.find((x) => x.name === name);
          return p ? `${p.name} (${p.service.de}, ${p.location})` : name;
        }),
        others: (a.recipients.others ?? []).map(label),
      },
      thirdCountryTransfers: 'keine',
      retention: a.retention.map((r) => ({ rule: r.id, table: r.table, text: ruleSentence(r, 'de') })),
      source: label(a.source),
      technicalAndOrganisationalMeasures:
        'Rollenbasierter Zugriff nach Verzeichnis, Protokollierung jedes Zugriffs, TLS, Zwei-Faktor-Anmeldung der Beschäftigten, automatische Löschung nach Frist mit Löschnachweis (Art. 32 DSGVO).',
    })),
  };
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;

/** Breaks a text into lines no wider than `width` in the font; pdf-lib's Helvetica speaks WinAnsi only. */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text
    .replace(/\[\[([^|\]]+)\|[^\]]+\]\]/g, '$1')
    .replace(/[^\n\x20-\x7e\u00a0-\u00ff–—„“”‚‘’…•€]/g, '?')
    .split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/)) {
      const next = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(next, size) <= width || !line) line = next;
      else {
        lines.push(line);
        line = word;
      }
    }
    lines.push(line);
  }
  return lines;
}

/** The same record as a PDF for the file or the supervisory authority (Art. 30(4) GDPR). */
export async function ropaPdf(config: Config, modules: readonly ModuleDefinition[], now: Date, locale: Locale = 'de'): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle('Verzeichnis von Verarbeitungstätigkeiten');
  doc.setLanguage('de-DE');
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const width = A4[0] - 2 * MARGIN;
  let page: PDFPage = doc.addPage(A4);
  let y = A4[1] - MARGIN;
  const write = (text: string, font = regular, size = 10, gap = 4) => {
    for (const line of wrap(text, font, size, width)) {
      if (y < MARGIN + size) {
        page = doc.addPage(A4);
        y = A4[1] - MARGIN;
      }
      page.drawText(line, { x: MARGIN, y: y - size, size, font, color: rgb(0, 0, 0) });
      y -= size + 3;
    }
    y -= gap;
  };
  const r = ropaDocument(config, modules, now);
  write(r.title, bold, 15, 8);
  write(`Stand: ${formatDateTime(now, locale)}`);
  write(`Verantwortlicher: ${r.controller.name}, ${r.controller.address}, ${r.controller.email}, ${r.controller.phone}`);
  write(`Vertreten durch: ${r.controller.representatives.join(', ')}`);
  write(`Datenschutzbeauftragte: ${r.dataProtectionOfficer.name}, ${r.dataProtectionOfficer.email}`, regular, 10, 12);
  // The statement's wording for each activity, so the record and the statement read the same.
  const statement = buildStatement(config, modules, 'de');
  r.activities.forEach((a, i) => {
    write(`${i + 1}. ${a.name}`, bold, 12, 4);
    write(`Zweck: ${a.purpose}`);
    const section = statement.sections.find((s) => s.id === a.id.replace('.', '-'));
    const facts = section?.blocks.find((b) => b.kind === 'facts');
    if (facts && facts.kind === 'facts') for (const [k, v] of facts.facts) write(`${k}: ${v}`);
    write(`Technische und organisatorische Maßnahmen: ${a.technicalAndOrganisationalMeasures}`, regular, 10, 12);
  });
  return doc.save();
}

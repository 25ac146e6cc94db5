import { PDFDocument, StandardFonts } from 'pdf-lib';

export interface ProtocolData {
  organisation: string;
  event: string;
  draw: string;
  termsVersion: number;
  entriesCloseAt: Date;
  randomSource: string;
  randomSourceAt: Date;
  frozenAt: Date | null;
  entryCount: number | null;
  commitment: string | null;
  seed: string | null;
  drawnAt: Date | null;
  settledAt: Date | null;
  list: { hash: string; rank: number | null }[];
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 50;

/** Times in the protocol are UTC in ISO form: it is a technical record, read with tools. */
const iso = (d: Date | null) => (d ? d.toISOString() : '-');

/**
 * The protocol of a draw: what was committed, when, the random value, the winners by hash.
 * Hashes and times only: no name, address or e-mail, so it stays after the entries are deleted.
 */
export async function renderProtocol(p: ProtocolData): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const mono = await doc.embedFont(StandardFonts.Courier);
  const charset = new Set(regular.getCharacterSet());
  const safe = (text: string) => [...text].map((c) => (charset.has(c.codePointAt(0) ?? 0) ? c : '?')).join('');
  let page = doc.addPage([A4.width, A4.height]);
  let y = A4.height - MARGIN;
  const line = (text: string, opts: { font?: typeof regular; size?: number } = {}) => {
    const size = opts.size ?? 10;
    if (y < MARGIN + size) {
      page = doc.addPage([A4.width, A4.height]);
      y = A4.height - MARGIN;
    }
    page.drawText(safe(text), { x: MARGIN, y, size, font: opts.font ?? regular });
    y -= size * 1.5;
  };
  line(`Protokoll der Auslosung / Protocol of the draw`, { font: bold, size: 14 });
  line(`${p.organisation}: ${p.draw} (${p.event})`, { font: bold });
  y -= 6;
  const winners = p.list.filter((l) => l.rank !== null).sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
  for (const [label, value] of [
    ['Teilnahmebedingungen / terms, version', String(p.termsVersion)],
    ['Teilnahmeschluss / entries close (UTC)', iso(p.entriesCloseAt)],
    ['Zufallsquelle / random source', p.randomSource],
    ['bekannt ab / known from (UTC)', iso(p.randomSourceAt)],
    ['Liste eingefroren / list frozen (UTC)', iso(p.frozenAt)],
    ['Teilnahmen / entries', String(p.entryCount ?? '-')],
    ['Zufallswert / random value', p.seed ?? '-'],
    ['ausgelost / drawn (UTC)', iso(p.drawnAt)],
    ['Daten gelöscht ab / entry data deleted from (UTC)', iso(p.settledAt)],
  ] as const)
    line(`${label}: ${value}`);
  line('Commitment (SHA-256):');
  line(p.commitment ?? '-', { font: mono, size: 9 });
  y -= 6;
  line('Gewinne / winners (Rang / rank, Prüfwert / entry hash):', { font: bold });
  for (const w of winners) line(`${w.rank}. ${w.hash}`, { font: mono, size: 8 });
  y -= 6;
  line('Eingefrorene Liste, sortiert / frozen list, sorted:', { font: bold });
  for (const l of p.list) line(l.hash, { font: mono, size: 8 });
  doc.setTitle(`Protokoll: ${safe(p.draw)}`);
  const stamp = p.drawnAt ?? p.frozenAt ?? new Date(0);
  doc.setCreationDate(stamp);
  doc.setModificationDate(stamp);
  return doc.save();
}

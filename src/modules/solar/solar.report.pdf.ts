import { type Color, grayscale, PDFDocument, type PDFPage, rgb, StandardFonts } from 'pdf-lib';
import type { Organisation } from '../../core/config/index.ts';
import { formatDateTime, formatNumber, type Locale, translator } from '../../core/i18n/index.ts';
import type { SuitabilityClass } from './compute/suitability.ts';
import { CLASS_STYLE } from './solar.classes.ts';
import { orientationText } from './solar.orientation.ts';
import { drawBarChart } from './solar.pdf-chart.ts';
import { PdfText } from './solar.pdf-text.ts';
import type { ReportBuilding, ReportData, ReportSurface } from './solar.report.data.ts';
import { type ReportMessageKey, reportMessages } from './solar.report.messages.ts';

export interface ReportPdfInput {
  reference: string;
  /** The requester's name, as the report is addressed to them. */
  requester: string;
  /** The building as the request named it (the heading when the cadastre has several). */
  building: string;
  data: ReportData;
  organisation: Organisation;
  /** Who answers questions: the energy advice's address and phone. */
  contact: { email: string; phone: string };
  /** Where the model comes from (configuration). */
  attribution: string;
  locale: Locale;
  date: Date;
}

const mm = (v: number) => (v * 72) / 25.4;
const PAGE = { width: mm(210), height: mm(297) };
const LEFT = mm(22);
const RIGHT = PAGE.width - mm(20);
const WIDTH = RIGHT - LEFT;
const TOP = mm(16);
const BOTTOM = mm(24);

const BLACK = grayscale(0);
const MUTED = grayscale(0.35);
const RULE = grayscale(0.7);
/** The bars: the "good" orange of the map's scale, dark enough on white and in greyscale print. */
const BAR = rgb(0xd9 / 255, 0x48 / 255, 0x01 / 255);

const hex = (colour: string): Color =>
  rgb(
    Number.parseInt(colour.slice(1, 3), 16) / 255,
    Number.parseInt(colour.slice(3, 5), 16) / 255,
    Number.parseInt(colour.slice(5, 7), 16) / 255,
  );
const day = (d: Date, locale: Locale) => formatDateTime(d, locale).split(',')[0] as string;

/**
 * The detailed report of one request (C25) as an A4 PDF: per building its totals and a monthly
 * chart, per roof surface its figures and its own monthly chart, then how it was computed. The
 * charts are vector bars. Same input, same bytes (the dates are the report's own).
 */
export async function renderReportPdf(input: ReportPdfInput): Promise<{ pdf: Uint8Array; pages: number }> {
  const { locale, organisation: org } = input;
  const t = translator(reportMessages, locale);
  const n = (v: number, digits = 0) => formatNumber(v, locale, digits);
  const months = t('pdf.months').split('|');
  const doc = await PDFDocument.create();
  const text = new PdfText(await doc.embedFont(StandardFonts.Helvetica), await doc.embedFont(StandardFonts.HelveticaBold));

  const pages: PDFPage[] = [];
  let page!: PDFPage;
  /** Distance of the next line's top from the top edge of the sheet. */
  let cursor = 0;
  const y = (fromTop: number) => PAGE.height - fromTop;

  const newPage = () => {
    page = doc.addPage([PAGE.width, PAGE.height]);
    pages.push(page);
    const name = text.clean(org.name);
    text.draw(page, name, LEFT, y(TOP + 8), 9.5, { bold: true, color: BLACK });
    const kicker = text.clean(t('pdf.kicker'));
    text.draw(page, kicker, RIGHT - text.width(kicker, 8), y(TOP + 8), 8, { color: MUTED });
    page.drawLine({ start: { x: LEFT, y: y(TOP + 12) }, end: { x: RIGHT, y: y(TOP + 12) }, thickness: 0.5, color: RULE });
    cursor = TOP + 26;
  };
  /** Room for `height` points on this page, or a new page. */
  const ensure = (height: number) => {
    if (cursor + height > PAGE.height - BOTTOM) newPage();
  };
  const lines = (
    value: string,
    size: number,
    options: { x?: number; width?: number; bold?: boolean; color?: Color; leading?: number } = {},
  ) => {
    const leading = options.leading ?? size * 1.35;
    for (const line of text.wrap(value, options.width ?? WIDTH, size, options.bold)) {
      ensure(leading);
      text.draw(page, line, options.x ?? LEFT, y(cursor + size * 0.8), size, {
        bold: options.bold ?? false,
        color: options.color ?? BLACK,
      });
      cursor += leading;
    }
  };
  /** Label and value side by side; the value wraps in its column. Returns the height used. */
  const facts = (
    rows: readonly [string, string][],
    x: number,
    width: number,
    labelWidth: number,
    size: number,
    top: number,
    swatch?: SuitabilityClass,
  ) => {
    let at = top;
    rows.forEach(([label, value], i) => {
      const leading = size * 1.4;
      const valueLines = text.wrap(value, width - labelWidth, size);
      for (const [j, line] of text.wrap(label, labelWidth - 6, size - 0.5).entries()) {
        text.draw(page, line, x, y(at + size * 0.8 + j * leading), size - 0.5, { color: MUTED });
      }
      let valueX = x + labelWidth;
      if (i === 0 && swatch) {
        page.drawRectangle({
          x: valueX,
          y: y(at + size * 0.85),
          width: size * 1.5,
          height: size * 0.85,
          color: hex(CLASS_STYLE[swatch].colour),
          borderColor: grayscale(0.2),
          borderWidth: 0.4,
        });
        valueX += size * 2;
      }
      valueLines.forEach((line, j) => {
        text.draw(page, line, valueX, y(at + size * 0.8 + j * leading), size, { color: BLACK });
      });
      at += Math.max(valueLines.length, text.wrap(label, labelWidth - 6, size - 0.5).length) * leading + 1.5;
    });
    return at - top;
  };
  const heading = (value: string, size: number, spaceBefore: number, keepWith: number) => {
    cursor += spaceBefore;
    ensure(size * 1.4 + keepWith);
    lines(value, size, { bold: true });
    cursor += 2;
  };
  const className = (c: SuitabilityClass) => t(`class.${c}` as ReportMessageKey);

  // First page: title, who and what, the introduction.
  newPage();
  lines(t('pdf.title'), 19, { bold: true, leading: 24 });
  lines(input.building, 12, { leading: 16 });
  cursor += 8;
  const computed = input.data.buildings.map((b) => b.totals?.computedAt).filter((d): d is Date => d instanceof Date);
  const intro: [string, string][] = [
    [t('pdf.for'), input.requester],
    [t('pdf.reference'), input.reference],
    ...(computed.length
      ? [[t('pdf.computed'), day(new Date(Math.max(...computed.map((d) => d.getTime()))), locale)] as [string, string]]
      : []),
    [t('pdf.date'), day(input.date, locale)],
  ];
  cursor += facts(intro, LEFT, WIDTH, mm(38), 9.5, cursor);
  cursor += 6;
  lines(t('pdf.intro'), 10, { leading: 14 });

  const count = input.data.buildings.length;
  input.data.buildings.forEach((b, i) => {
    building(b, i);
  });
  method();

  // Every page gets the organisation's details and its number, once the count is known.
  pages.forEach((p, i) => {
    const footY = PAGE.height - BOTTOM + mm(8);
    p.drawLine({ start: { x: LEFT, y: y(footY - 9) }, end: { x: RIGHT, y: y(footY - 9) }, thickness: 0.5, color: RULE });
    // The page number on the first line, right; the organisation's details below it use the full width.
    const right = text.clean(`${t('pdf.reference')} ${input.reference} · ${t('pdf.page', { n: i + 1, of: pages.length })}`);
    const rightWidth = text.width(right, 7);
    text.draw(p, right, RIGHT - rightWidth, y(footY), 7, { color: MUTED });
    const address = `${org.name} · ${org.address.street} · ${org.address.postcode} ${org.address.city}`;
    const reach = `${org.phone.replace(/ /g, '\u00a0')} · ${org.email} · ${org.website.replace(/^https?:\/\//, '').replace(/\/$/, '')}`;
    const [first = ''] = text.wrap(address, WIDTH - rightWidth - mm(6), 7);
    text.draw(p, first, LEFT, y(footY), 7, { color: MUTED });
    text
      .wrap(reach, WIDTH, 7)
      .slice(0, 2)
      .forEach((line, j) => {
        text.draw(p, line, LEFT, y(footY + (j + 1) * 9), 7, { color: MUTED });
      });
  });

  doc.setTitle(text.clean(`${t('pdf.title')} – ${input.building}`), { showInWindowTitleBar: true });
  doc.setAuthor(text.clean(org.name));
  doc.setCreator(text.clean(org.name));
  doc.setProducer(text.clean(org.name));
  doc.setSubject(text.clean(`${t('pdf.reference')} ${input.reference}`));
  doc.setLanguage(locale === 'en' ? 'en-GB' : 'de-DE');
  doc.setCreationDate(input.date);
  doc.setModificationDate(input.date);
  return { pdf: await doc.save(), pages: pages.length };

  function building(b: ReportBuilding, index: number): void {
    heading(
      count > 1
        ? `${t('pdf.building', { n: index + 1, of: count })}: ${b.addresses[0] ?? input.building}`
        : `${t('pdf.yourBuilding')}: ${b.addresses[0] ?? input.building}`,
      14,
      16,
      60,
    );
    lines(`${t('pdf.alkis')}: ${b.alkisId}${b.addresses.length > 1 ? ` · ${b.addresses.slice(1).join(' · ')}` : ''}`, 8.5, {
      color: MUTED,
    });
    cursor += 4;
    if (!b.totals) {
      lines(t('pdf.notComputed'), 10);
      return;
    }
    const totals = b.totals;
    const rows: [string, string][] = [
      [t('pdf.suitability'), className(totals.suitability)],
      [t('pdf.usableArea'), `${n(totals.usableAreaM2, 1)} m²`],
      [t('pdf.power'), `${n(totals.kwp, 1)} kWp`],
      [t('pdf.yield'), `${n(totals.yieldKwhPerYear)} kWh`],
      [t('pdf.co2'), `${n(totals.co2KgPerYear)} kg`],
    ];
    ensure(80);
    cursor += facts(rows, LEFT, WIDTH, mm(70), 10, cursor, totals.suitability);
    if (totals.suitability === 'unsuitable') {
      cursor += 4;
      lines(t('pdf.noSuitable'), 10);
    } else if (totals.monthlyYieldKwh) {
      cursor += 8;
      const height = mm(62);
      ensure(height + 16);
      lines(t('pdf.monthlyTitle'), 10, { bold: true });
      cursor += 2;
      drawBarChart(page, text, {
        x: LEFT,
        top: y(cursor),
        width: WIDTH,
        height,
        values: totals.monthlyYieldKwh,
        labels: months,
        unit: t('pdf.monthlyUnit'),
        valueLabels: true,
        bar: BAR,
        locale,
      });
      cursor += height;
    } else {
      lines(t('pdf.noMonths'), 9, { color: MUTED });
    }
    if (b.surfaces.length > 0) heading(t('pdf.surfaces'), 11.5, 12, 120);
    const scale = Math.max(0, ...b.surfaces.flatMap((s) => s.monthlyYieldKwh ?? []));
    for (const s of b.surfaces) surface(s, scale);
    if (b.facingDown > 0) {
      cursor += 5;
      lines(t('pdf.facingDown', { n: b.facingDown }), 8.5, { color: MUTED });
    }
  }

  /** `scale`: the building's largest month, so its surfaces' charts compare at a glance. */
  function surface(s: ReportSurface, scale: number): void {
    const blockHeight = mm(42);
    cursor += 4;
    ensure(blockHeight + 18);
    lines(`${t('pdf.surface', { n: s.number })} – ${orientationText(s.azimuthDeg, locale)} – ${className(s.suitability)}`, 10, {
      bold: true,
    });
    const top = cursor + 2;
    const factsWidth = WIDTH * 0.52;
    const rows: [string, string][] = [
      [t('pdf.area'), t('pdf.areaValue', { area: n(s.areaM2, 1), usable: n(s.usableAreaM2, 1) })],
      [t('pdf.tilt'), `${n(s.tiltDeg)}°`],
      [t('pdf.orientation'), orientationText(s.azimuthDeg, locale)],
      [t('pdf.irradiation'), t('pdf.irradiationValue', { value: n(s.irradiationKwhM2), percent: n(s.percentOfOptimum) })],
      [t('pdf.shading'), t('pdf.shadingValue', { value: n(s.shadingLossPercent) })],
      [t('pdf.surfacePower'), `${n(s.kwp, 1)} kWp`],
      [t('pdf.surfaceYield'), t('pdf.perYear', { value: n(s.yieldKwhPerYear) })],
      [t('pdf.surfaceCo2'), t('pdf.co2Value', { value: n(s.co2KgPerYear) })],
    ];
    const used = facts(rows, LEFT, factsWidth - mm(4), mm(30), 8.5, top);
    if (s.monthlyYieldKwh) {
      drawBarChart(page, text, {
        x: LEFT + factsWidth,
        top: y(top),
        width: WIDTH - factsWidth,
        height: blockHeight - mm(2),
        values: s.monthlyYieldKwh,
        max: scale,
        labels: months,
        unit: t('pdf.monthlyUnit'),
        valueLabels: false,
        bar: BAR,
        locale,
      });
    } else {
      text.draw(page, text.clean(t('pdf.noMonths')), LEFT + factsWidth, y(top + 8), 8, { color: MUTED });
    }
    cursor = top + Math.max(used, blockHeight) + 3;
    page.drawLine({ start: { x: LEFT, y: y(cursor) }, end: { x: RIGHT, y: y(cursor) }, thickness: 0.3, color: RULE });
  }

  function method(): void {
    const m = input.data.method;
    heading(t('pdf.method'), 12, 18, 50);
    if (m) {
      lines(
        t('pdf.methodText', {
          attribution: input.attribution,
          weather: m.weatherLocation,
          shading: m.shading ? t('pdf.methodShading') : '',
          kwp: n(m.kwpPerM2, 2),
          setback: n(m.setbackM, 1),
          pr: n(m.performanceRatio, 2),
          co2: n(m.co2KgPerKwh, 2),
        }),
        9,
        { leading: 12.5 },
      );
      cursor += 4;
      lines(
        t('pdf.methodClasses', {
          veryGood: m.thresholds[0],
          good: m.thresholds[1],
          suitable: m.thresholds[2],
          loss: m.maxShadingLossPercent,
          area: m.minUsableAreaM2,
        }),
        9,
        { leading: 12.5 },
      );
      cursor += 4;
    }
    lines(t('pdf.disclaimer'), 9, { leading: 12.5 });
    cursor += 4;
    lines(t('pdf.questions', { email: input.contact.email, phone: input.contact.phone.replace(/ /g, '\u00a0') }), 9, { leading: 12.5 });
  }
}

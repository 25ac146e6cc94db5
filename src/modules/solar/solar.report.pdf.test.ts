import { decodePDFRawStream, PDFArray, PDFDocument, PDFRawStream, rgb, StandardFonts } from 'pdf-lib';
import { describe, expect, test } from 'vitest';
import { pdfText } from '../../../tests/support/pdf-text.ts';
import { demoOrganisation } from '../../core/config/index.ts';
import { drawBarChart, niceMax } from './solar.pdf-chart.ts';
import { PdfText } from './solar.pdf-text.ts';
import type { ReportData, ReportSurface } from './solar.report.data.ts';
import { renderReportPdf } from './solar.report.pdf.ts';

const SHAPE = [0.02, 0.04, 0.08, 0.11, 0.13, 0.13, 0.14, 0.12, 0.09, 0.07, 0.04, 0.03];

function surface(number: number, azimuthDeg: number | null, suitability: ReportSurface['suitability'], yieldKwh: number): ReportSurface {
  return {
    number,
    areaM2: 60.25,
    usableAreaM2: 48.5,
    tiltDeg: 38,
    azimuthDeg,
    irradiationKwhM2: 1050,
    percentOfOptimum: 91.3,
    shadingLossPercent: 4,
    kwp: 9.7,
    yieldKwhPerYear: yieldKwh,
    co2KgPerYear: yieldKwh * 0.38,
    suitability,
    monthlyYieldKwh: SHAPE.map((f) => f * yieldKwh),
  };
}

const data: ReportData = {
  buildings: [
    {
      alkisId: 'DENW43AL00001j2W',
      addresses: ['Holzstraße 2, 52538 Selfkant'],
      blackedOutSince: new Date('2026-05-01T10:00:00Z'),
      totals: {
        suitability: 'good',
        usableAreaM2: 48.5,
        kwp: 9.7,
        yieldKwhPerYear: 8150,
        co2KgPerYear: 3097,
        monthlyYieldKwh: SHAPE.map((f) => f * 8150),
        computedAt: new Date('2026-06-01T10:00:00Z'),
        runId: 1,
      },
      surfaces: [surface(1, 181.6, 'good', 8150), surface(2, 1.6, 'unsuitable', 3900), surface(4, null, 'unsuitable', 900)],
      facingDown: 1,
    },
  ],
  method: {
    model: 'perez',
    shading: true,
    weatherLocation: 'Aachen (DEU, WMO 105010, 50.7983 N 6.0244 E, ISD-TMYx)',
    kwpPerM2: 0.2,
    setbackM: 0.5,
    performanceRatio: 0.8,
    co2KgPerKwh: 0.38,
    minUsableAreaM2: 10,
    maxShadingLossPercent: 20,
    thresholds: [95, 80, 75],
  },
};

const input = (locale: 'de' | 'en', requester = 'Erika Mustermann') => ({
  reference: 'SOL-2026-7KQ4M2XP',
  requester,
  building: 'Holzstraße 2',
  data,
  organisation: demoOrganisation,
  contact: { email: 'energieberatung@stadtwerke-musterstadt.example', phone: '+49 1234 5678-0' },
  attribution: '3D-Gebäudemodelle LoD2: Geobasis NRW (dl-de/zero-2-0)',
  locale,
  date: new Date('2026-06-15T10:00:00Z'),
});

/** The drawing operators of every page, decoded. */
async function contentOf(bytes: Uint8Array): Promise<string> {
  const doc = await PDFDocument.load(bytes);
  return doc
    .getPages()
    .map((page) => {
      const contents = page.node.Contents();
      const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => doc.context.lookup(ref)) : [contents];
      return streams
        .map((s) => (s instanceof PDFRawStream ? Buffer.from(decodePDFRawStream(s).decode()).toString('latin1') : ''))
        .join('\n');
    })
    .join('\n');
}

describe('the detailed report as PDF', () => {
  test('[C25] per roof surface its area, tilt, orientation in words and degrees, irradiation, kWp, kWh/a and CO₂, in German and English', async () => {
    const de = await renderReportPdf(input('de'));
    const text = (await pdfText(de.pdf)).join('\n');
    // Wrapped values read as one line again.
    const flowing = text.replace(/\n/g, ' ');
    for (const expected of [
      'Solarpotenzial Ihres Gebäudes',
      'Erika Mustermann',
      'SOL-2026-7KQ4M2XP',
      'Dachfläche 1 – Süd (182°) – gut geeignet',
      'Dachfläche 2 – Nord (2°) – nicht geeignet',
      'Dachfläche 4 – flach, ohne Ausrichtung – nicht geeignet',
      '60,3 m², davon nutzbar 48,5 m²',
      '38°',
      '1.050 kWh/m² im Jahr (91 % des Optimums)',
      '9,7 kWp',
      '8.150 kWh im Jahr',
      '3.097 kg im Jahr',
      '1 weitere Fläche(n) des Dachs zeigen nach unten',
      'Stromertrag der geeigneten Dachflächen je Monat',
      'Stadtwerke Musterstadt GmbH · Energieweg 1 · 12345 Musterstadt',
      'Seite 1 von',
    ]) {
      expect(flowing).toContain(expected);
    }
    // "CO₂" keeps its subscript: "CO" and a smaller "2" drawn apart.
    expect(text).toContain('CO\n2\n-Einsparung');
    const en = (await pdfText((await renderReportPdf(input('en'))).pdf)).join(' ');
    for (const expected of [
      'Solar potential of your building',
      'Roof surface 1 – South (182°) – well suited',
      'flat, no orientation',
      '8,150 kWh per year',
      'Page 1 of',
    ]) {
      expect(en).toContain(expected);
    }
    const doc = await PDFDocument.load(de.pdf);
    expect(doc.getPageCount()).toBe(de.pages);
    expect(doc.getTitle()).toBe('Solarpotenzial Ihres Gebäudes – Holzstraße 2');
    expect(doc.getAuthor()).toBe(demoOrganisation.name);
  });

  test('[C25] the monthly charts are vector bars: one rectangle per month for the building and for each surface', async () => {
    const { pdf } = await renderReportPdf(input('de'));
    const content = await contentOf(pdf);
    // pdf-lib writes each bar as a closed path filled with "f"; the class swatch, which has a
    // border, is filled and stroked ("B").
    expect(content.match(/^f$/gm)?.length).toBe(12 * (1 + (data.buildings[0]?.surfaces.length ?? 0)));
    expect(content.match(/^B$/gm)?.length).toBe(1);
    expect(content).not.toMatch(/\/Image|BI\b/);
  });

  test('bar heights follow the values on a shared, round scale', async () => {
    expect([0, 0.7, 7, 8.1, 950, 1001, 2400].map(niceMax)).toEqual([1, 1, 10, 10, 1000, 2000, 2500]);
    const doc = await PDFDocument.create();
    const page = doc.addPage();
    const text = new PdfText(await doc.embedFont(StandardFonts.Helvetica), await doc.embedFont(StandardFonts.HelveticaBold));
    const spec = {
      x: 50,
      top: 700,
      width: 300,
      height: 150,
      values: [100, 200, 0, 400],
      labels: ['a', 'b', 'c', 'd'],
      unit: 'kWh',
      valueLabels: true,
      bar: rgb(1, 0, 0),
      locale: 'de' as const,
    };
    const bars = drawBarChart(page, text, spec);
    expect(bars.map((b) => Math.round((b.height / (bars[3]?.height ?? 1)) * 1e9) / 1e9)).toEqual([0.25, 0.5, 0, 1]);
    // Against a larger shared maximum (another surface's best month) the same values stand lower.
    const shared = drawBarChart(page, text, { ...spec, max: 800 });
    expect((shared[3]?.height ?? 0) / (bars[3]?.height ?? 1)).toBeCloseTo(0.5, 9);
  });

  test('a name in any script never breaks the renderer: what the font lacks is replaced or transliterated', async () => {
    const { pdf } = await renderReportPdf(input('de', 'Łucja Żółć 李小龍 \u202Eevil\u0000 🙂'));
    const text = (await pdfText(pdf)).join('\n');
    expect(text).toContain('Lucja Zólc ??? evil ?');
  });
});

import { formatNumber, type Locale, translator } from '../../core/i18n/index.ts';
import type { NewLetter } from '../../core/letters/index.ts';
import { orientationText } from './solar.orientation.ts';
import type { ReportData } from './solar.report.data.ts';
import { type ReportMessageKey, reportMessages } from './solar.report.messages.ts';
import type { ReportRequest } from './solar.requests.queries.ts';

export interface LetterSender {
  /** The member of staff who sends it. */
  name: string;
  email: string;
  phone: string;
}

/** The requester's postal address as the window of the envelope shows it. */
export function postalLines(
  request: Pick<ReportRequest, 'postal_street' | 'postal_postcode' | 'postal_town' | 'postal_country'>,
): string[] {
  return [
    request.postal_street,
    `${request.postal_postcode} ${request.postal_town}`,
    ...(request.postal_country ? [request.postal_country.toUpperCase()] : []),
  ];
}

export function buildingLine(
  request: Pick<ReportRequest, 'building_street' | 'building_number' | 'building_postcode' | 'building_town'>,
): string {
  const place = [request.building_postcode, request.building_town].filter(Boolean).join(' ');
  return `${request.building_street} ${request.building_number}${place ? `, ${place}` : ''}`;
}

/**
 * The report as a letter (DIN 5008, through the print room): the letter itself carries the
 * figures, as text – per building its totals and monthly yields, per roof surface its values –
 * so it needs no enclosure and reads aloud as well as it prints.
 */
export function reportLetter(request: ReportRequest, data: ReportData, sender: LetterSender): NewLetter {
  const locale: Locale = request.locale;
  const t = translator(reportMessages, locale);
  const n = (v: number, digits = 0) => formatNumber(v, locale, digits);
  const className = (c: string) => t(`class.${c}` as ReportMessageKey);
  const months = t('pdf.months').split('|');
  const paragraphs: string[] = [t('letter.intro')];
  data.buildings.forEach((b, i) => {
    const head = t('letter.building', { n: i + 1, address: b.addresses[0] ?? buildingLine(request) });
    if (!b.totals) {
      paragraphs.push(`${head}\n${t('pdf.notComputed')}`);
      return;
    }
    const totals = t('letter.totals', {
      suitability: className(b.totals.suitability),
      area: n(b.totals.usableAreaM2, 1),
      kwp: n(b.totals.kwp, 1),
      yield: n(b.totals.yieldKwhPerYear),
      co2: n(b.totals.co2KgPerYear),
    });
    const monthly = b.totals.monthlyYieldKwh;
    paragraphs.push(
      [
        head,
        totals,
        ...(monthly ? [`${t('letter.monthly')} ${monthly.map((v, m) => `${months[m]} ${n(v)}`).join(' · ')}`] : []),
        ...(b.totals.suitability === 'unsuitable' ? [t('pdf.noSuitable')] : []),
      ].join('\n'),
    );
    for (const s of b.surfaces) {
      paragraphs.push(
        t('letter.surface', {
          n: s.number,
          suitability: className(s.suitability),
          area: n(s.areaM2, 1),
          usable: n(s.usableAreaM2, 1),
          tilt: n(s.tiltDeg),
          orientation: orientationText(s.azimuthDeg, locale),
          irradiation: n(s.irradiationKwhM2),
          kwp: n(s.kwp, 1),
          yield: n(s.yieldKwhPerYear),
          co2: n(s.co2KgPerYear),
        }),
      );
    }
  });
  paragraphs.push(t('pdf.disclaimer'));
  return {
    kind: 'solar-report',
    activity: 'solar.report-requests',
    recipient: { name: request.name, address: postalLines(request) },
    subject: t('letter.subject', { building: buildingLine(request) }),
    salutation: t('letter.salutation', { name: request.name }),
    paragraphs,
    closing: t('letter.closing'),
    signature: [sender.name, t('letter.unit')],
    reference: request.reference,
    contact: { name: sender.name, email: sender.email, phone: sender.phone },
    language: locale,
  };
}

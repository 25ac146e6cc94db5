import type { Organisation } from '../../core/config/index.ts';
import { type Locale, translator } from '../../core/i18n/index.ts';
import type { OutgoingMail } from '../../core/mail/index.ts';
import { SOLAR_ACTIVITY } from './solar.privacy.ts';
import { reportMessages } from './solar.report.messages.ts';

/** Who answers questions about reports: the energy advice department, else the organisation. */
export function energyAdvice(org: Organisation): { email: string; phone: string } {
  return { email: org.departments.find((d) => d.id === 'energy-advice')?.email ?? org.email, phone: org.phone };
}

/**
 * The acknowledgement: the reference and nothing else about the request, so a mail read by
 * someone else (a shared mailbox, a mistyped address) gives away no name, address or building.
 */
export function receiptMail(to: string, reference: string, locale: Locale, org: Organisation): OutgoingMail {
  const t = translator(reportMessages, locale);
  return {
    to,
    subject: t('mail.receipt.subject', { reference }),
    text: t('mail.receipt.text', { reference, org: org.name }),
    activity: SOLAR_ACTIVITY.reports,
    reference,
  };
}

/*
 * The address of a request was never confirmed by a link: the mails to it carry nothing the
 * requester typed (not even the name), only our own text, the reference and the building as the
 * cadastre names it.
 */
export function reportMail(
  request: { email: string; name: string; reference: string; locale: Locale },
  building: string,
  pdf: Uint8Array,
  staffName: string,
  org: Organisation,
): OutgoingMail {
  const t = translator(reportMessages, request.locale);
  const contact = energyAdvice(org);
  return {
    to: request.email,
    subject: t('mail.report.subject', { reference: request.reference }),
    text: t('mail.report.text', {
      building,
      email: contact.email,
      phone: contact.phone,
      staff: staffName,
      org: org.name,
      reference: request.reference,
    }),
    activity: SOLAR_ACTIVITY.reports,
    reference: request.reference,
    attachments: [{ filename: t('file.name', { reference: request.reference }), contentType: 'application/pdf', content: pdf }],
  };
}

export function rejectionMail(
  request: { email: string; name: string; reference: string; locale: Locale },
  org: Organisation,
): OutgoingMail {
  const t = translator(reportMessages, request.locale);
  const contact = energyAdvice(org);
  return {
    to: request.email,
    subject: t('mail.receipt.subject', { reference: request.reference }),
    text: t('mail.rejected.text', {
      email: contact.email,
      phone: contact.phone,
      org: org.name,
      reference: request.reference,
    }),
    activity: SOLAR_ACTIVITY.reports,
    reference: request.reference,
  };
}

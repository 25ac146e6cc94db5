import type { Config } from '../../core/config/index.ts';
import { type Locale, translator } from '../../core/i18n/index.ts';
import { escapeHtml, markdownToSafeHtml } from '../../core/views/index.ts';
import { clickUrl, openPixelUrl, preferencesUrl, pseudonym, trackingToken, unsubscribeUrl } from './newsletter.links.ts';
import { newsletterMessages } from './newsletter.messages.ts';

/** Stands for link n until a recipient's own address (tracked or not) replaces it. */
const slot = (n: number) => `https://link.invalid/${n}`;
const SLOT = /https:\/\/link\.invalid\/(\d+)/g;

/** A campaign's body compiled once: HTML and text with numbered link slots, and the links. */
export interface CompiledCampaign {
  html: string;
  text: string;
  links: string[];
}

/**
 * Markdown as marketing writes it, to safe HTML and a plain-text twin. Every web link gets a
 * number (the same address the same number), so clicks are counted per link and each
 * recipient's links are filled in without rendering the Markdown again.
 */
export function compileCampaign(markdown: string): CompiledCampaign {
  const links: string[] = [];
  const number = (href: string) => {
    const i = links.indexOf(href);
    if (i >= 0) return i;
    links.push(href);
    return links.length - 1;
  };
  const web = (href: string) => /^https?:\/\//i.test(href);
  const html = markdownToSafeHtml(markdown, {
    link: (href, label) => `<a href="${escapeHtml(web(href) ? slot(number(href)) : href)}">${label}</a>`,
  });
  const text = markdown
    .replace(/\r\n/g, '\n')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\(([^)\s]+)[^)]*\)/g, (_m, label: string, href: string) =>
      web(href) ? `${label} (${slot(number(href))})` : label,
    )
    .replace(/^#{1,6}\s*/gm, '')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|\W)[*_](\S.*?)[*_](?=\W|$)/g, '$1$2')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/<[^>]+>/g, '');
  return { html, text, links };
}

export interface Recipient {
  id: string;
  locale: Locale;
  /** False: opted out of measurement; gets plain links and no pixel. */
  measure: boolean;
}

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
}

/**
 * One recipient's mail in the organisation's layout. C55: every mail carries the preference
 * link, a visible unsubscribe link and RFC 8058 one-click headers. C53: only a subscriber who
 * did not object gets the pixel and counted links, keyed by a pseudonym under the campaign's key.
 */
export function personalise(
  config: Config,
  campaign: { id: string; subject: string; trackingKey: string | null },
  body: CompiledCampaign,
  recipient: Recipient,
): RenderedMail {
  const t = translator(newsletterMessages, recipient.locale);
  const org = config.organisation;
  const token =
    recipient.measure && campaign.trackingKey ? trackingToken(config, campaign.id, pseudonym(campaign.trackingKey, recipient.id)) : null;
  const hrefOf = (n: number) => (token ? clickUrl(config, campaign.id, n, token) : (body.links[n] as string));
  const prefs = preferencesUrl(config, recipient.id, recipient.locale);
  const unsub = unsubscribeUrl(config, recipient.id, recipient.locale);
  const address = `${org.name}, ${org.address.street}, ${org.address.postcode} ${org.address.city}`;
  const html = `<!doctype html>
<html lang="${recipient.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(campaign.subject)}</title></head>
<body style="margin:0;padding:0;background:#f4f4f4;font-family:Arial,Helvetica,sans-serif;color:#1a1a1a;">
<div style="max-width:640px;margin:0 auto;background:#ffffff;padding:24px;">
<p style="font-size:20px;font-weight:bold;color:#004b87;margin:0 0 16px;">${escapeHtml(org.shortName)} – Meine Stadtwerke</p>
${body.html.replace(SLOT, (_m, n: string) => escapeHtml(hrefOf(Number(n))))}
<hr style="border:0;border-top:1px solid #cccccc;margin:24px 0;">
<p style="font-size:13px;color:#444444;">${escapeHtml(t('mail.footer.why'))}<br>
<a href="${escapeHtml(prefs)}">${escapeHtml(t('mail.footer.preferences'))}</a> · <a href="${escapeHtml(unsub)}">${escapeHtml(t('mail.footer.unsubscribe'))}</a></p>
<p style="font-size:13px;color:#444444;">${escapeHtml(address)}</p>
${token ? `<img src="${escapeHtml(openPixelUrl(config, campaign.id, token))}" width="1" height="1" alt="" style="display:block;border:0;">` : ''}
</div></body></html>`;
  const text = [
    `${org.shortName} – Meine Stadtwerke`,
    '',
    body.text.replace(SLOT, (_m, n: string) => hrefOf(Number(n))).trim(),
    '',
    '-- ',
    t('mail.footer.why'),
    `${t('mail.footer.preferences')}: ${prefs}`,
    `${t('mail.footer.unsubscribe')}: ${unsub}`,
    '',
    address,
  ].join('\n');
  return {
    subject: campaign.subject,
    html,
    text,
    headers: { 'List-Unsubscribe': `<${unsub}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}

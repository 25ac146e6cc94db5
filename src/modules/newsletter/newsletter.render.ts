import type { Config } from '../../core/config/index.ts';
import { type Locale, translator } from '../../core/i18n/index.ts';
import { escapeHtml, markdownToSafeHtml } from '../../core/views/index.ts';
import {
  clickUrl,
  openPixelUrl,
  preferencesUrl,
  pseudonymiser,
  subscriberSignature,
  trackingToken,
  unsubscribeUrl,
} from './newsletter.links.ts';
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

/** Pieces of a campaign's mail that are the same for every recipient of one language. */
interface LocaleLayout {
  htmlHead: string;
  htmlFooterLinks: (prefs: string, unsub: string) => string;
  htmlEnd: string;
  textHead: string;
  textFooter: (prefs: string, unsub: string) => string;
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
  return campaignRenderer(config, campaign, body)(recipient);
}

/**
 * `personalise` for a whole campaign: the layout, the escaped footer texts and the body split at
 * its link slots are prepared once (per language), so a recipient costs three keyed hashes and
 * string concatenation — a campaign to 100,000 does not escape and translate 100,000 times.
 */
export function campaignRenderer(
  config: Config,
  campaign: { id: string; subject: string; trackingKey: string | null },
  body: CompiledCampaign,
): (recipient: Recipient) => RenderedMail {
  const org = config.organisation;
  const address = `${org.name}, ${org.address.street}, ${org.address.postcode} ${org.address.city}`;
  const layouts = new Map<Locale, LocaleLayout>();
  const layoutOf = (locale: Locale): LocaleLayout => {
    const cached = layouts.get(locale);
    if (cached) return cached;
    const t = translator(newsletterMessages, locale);
    const why = t('mail.footer.why');
    const [prefsLabel, unsubLabel] = [t('mail.footer.preferences'), t('mail.footer.unsubscribe')];
    const layout: LocaleLayout = {
      htmlHead: `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(campaign.subject)}</title></head>
<body style="margin:0;padding:0;background:#f4f4f4;font-family:Arial,Helvetica,sans-serif;color:#1a1a1a;">
<div style="max-width:640px;margin:0 auto;background:#ffffff;padding:24px;">
<p style="font-size:20px;font-weight:bold;color:#004b87;margin:0 0 16px;">${escapeHtml(org.shortName)} – Meine Stadtwerke</p>
`,
      htmlFooterLinks: (prefs, unsub) => `
<hr style="border:0;border-top:1px solid #cccccc;margin:24px 0;">
<p style="font-size:13px;color:#444444;">${escapeHtml(why)}<br>
<a href="${escapeHtml(prefs)}">${escapeHtml(prefsLabel)}</a> · <a href="${escapeHtml(unsub)}">${escapeHtml(unsubLabel)}</a></p>
<p style="font-size:13px;color:#444444;">${escapeHtml(address)}</p>
`,
      htmlEnd: '\n</div></body></html>',
      textHead: `${org.shortName} – Meine Stadtwerke\n\n`,
      textFooter: (prefs, unsub) => ['', '', '-- ', why, `${prefsLabel}: ${prefs}`, `${unsubLabel}: ${unsub}`, '', address].join('\n'),
    };
    layouts.set(locale, layout);
    return layout;
  };
  // The body split at its link slots: even entries are text, odd ones link numbers.
  const htmlParts = body.html.split(SLOT);
  const textParts = body.text.trim().split(SLOT);
  const fill = (parts: string[], hrefOf: (n: number) => string) => {
    let out = '';
    for (let i = 0; i < parts.length; i++) out += i % 2 === 0 ? parts[i] : hrefOf(Number(parts[i]));
    return out;
  };
  const plainHtml = fill(htmlParts, (n) => escapeHtml(body.links[n] as string));
  const plainText = fill(textParts, (n) => body.links[n] as string);
  const pseudonymOf = campaign.trackingKey ? pseudonymiser(campaign.trackingKey) : null;

  return (recipient) => {
    const layout = layoutOf(recipient.locale);
    const token = recipient.measure && pseudonymOf ? trackingToken(config, campaign.id, pseudonymOf(recipient.id)) : null;
    const signature = subscriberSignature(config, recipient.id);
    const prefs = preferencesUrl(config, recipient.id, recipient.locale, signature);
    const unsub = unsubscribeUrl(config, recipient.id, recipient.locale, signature);
    const html = token ? fill(htmlParts, (n) => escapeHtml(clickUrl(config, campaign.id, n, token))) : plainHtml;
    const text = token ? fill(textParts, (n) => clickUrl(config, campaign.id, n, token)) : plainText;
    const pixel = token
      ? `<img src="${escapeHtml(openPixelUrl(config, campaign.id, token))}" width="1" height="1" alt="" style="display:block;border:0;">`
      : '';
    return {
      subject: campaign.subject,
      html: `${layout.htmlHead}${html}${layout.htmlFooterLinks(prefs, unsub)}${pixel}${layout.htmlEnd}`,
      text: `${layout.textHead}${text}${layout.textFooter(prefs, unsub)}`,
      headers: { 'List-Unsubscribe': `<${unsub}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    };
  };
}

import { UAParser } from 'ua-parser-js';

export interface Software {
  browser: string | null;
  os: string | null;
}

const CACHE_LIMIT = 10_000;
const cache = new Map<string, Software>();

function parse(userAgent: string): Software {
  const result = new UAParser(userAgent).getResult();
  const browser = result.browser.name ? `${result.browser.name}${result.browser.major ? ` ${result.browser.major}` : ''}` : null;
  // OS versions to the major number only ("Android 14", "iOS 17"): enough for statistics,
  // and fewer distinct values make the figures less identifying.
  const osMajor = result.os.version?.split('.')[0];
  const os = result.os.name ? `${result.os.name}${osMajor ? ` ${osMajor}` : ''}` : null;
  return { browser, os };
}

/**
 * Browser and operating system of a request (C05). Only these two facts are kept, never the
 * user-agent string. A site sees few distinct agents, so results are cached.
 */
export function browserAndOs(userAgent: string | undefined | null): Software {
  if (!userAgent) return { browser: null, os: null };
  const ua = userAgent.length > 512 ? userAgent.slice(0, 512) : userAgent;
  let hit = cache.get(ua);
  if (!hit) {
    hit = parse(ua);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(ua, hit);
  }
  return hit;
}

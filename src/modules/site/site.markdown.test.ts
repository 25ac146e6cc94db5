import { describe, expect, test } from 'vitest';
import { fillPlaceholders, renderMarkdown } from './site.markdown.ts';

const own = new Set(['www.stadtwerke.example']);

describe('Markdown content', () => {
  test('[C12] links to third parties are visibly marked and say whose terms apply', () => {
    const html = renderMarkdown(
      '[Staumelder](https://verkehr.example.org/stau) und [Strom](/strom) und [wir](https://www.stadtwerke.example/gas)',
      'de',
      own,
    );
    expect(html).toContain('<a href="https://verkehr.example.org/stau" rel="external noopener noreferrer">Staumelder</a>');
    expect(html).toContain('[extern]');
    expect(html).toContain('Angebot von verkehr.example.org; es gilt dessen Datenschutzerklärung');
    expect(html.match(/\[extern\]/g)).toHaveLength(1);
    const en = renderMarkdown('[Traffic](https://verkehr.example.org/)', 'en', own);
    expect(en).toContain('[external]');
    expect(en).toContain('its own privacy terms apply');
  });

  test('editor HTML is reduced to a safe allowlist', () => {
    const html = renderMarkdown(
      '<script>alert(1)</script><img src="https://tracker.example/p.gif"><iframe src="https://x.example"></iframe>\n\n[x](javascript:alert(1)) <a href="#" onclick="evil()">y</a>',
      'de',
      own,
    );
    expect(html).not.toMatch(/<script|<img|<iframe|onclick|javascript:/i);
  });

  test('headings start at h2 and get anchors', () => {
    expect(renderMarkdown('# Über uns\n\n### Größe', 'de', own)).toBe('<h2 id="uber-uns">Über uns</h2>\n<h3 id="grosse">Größe</h3>\n');
  });

  test('placeholders are filled from configuration and cannot inject Markdown', () => {
    expect(fillPlaceholders('{{org.name}} – {{unknown}}', { 'org.name': 'Stadtwerke [X](javascript:1)' })).toBe(
      'Stadtwerke \\[X\\]\\(javascript:1\\) – {{unknown}}',
    );
  });
});

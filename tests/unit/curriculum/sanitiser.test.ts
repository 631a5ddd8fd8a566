/** Every XSS payload an author (or a compromised author account) could type must come out inert. */
import { renderMarkdown } from '../../../server/features/content/markdown.js';
import { sanitize } from '../../../server/features/content/sanitize.js';

const PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<img src="https://example.org/a.png" onerror="alert(1)">',
  '<svg onload=alert(1)><circle r="1"/></svg>',
  '<a href="javascript:alert(1)">click</a>',
  '<a href="JaVaScRiPt:alert(1)">click</a>',
  '<a href="&#106;avascript:alert(1)">entity</a>',
  '<a href="java\tscript:alert(1)">tab</a>',
  '[md link](javascript:alert(1))',
  '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '![img](javascript:alert(1))',
  '<iframe src="https://evil.example/"></iframe>',
  '<object data="x.swf"></object><embed src="x.swf">',
  '<style>body{background:url(javascript:alert(1))}</style>',
  '<div style="background-image:url(javascript:alert(1))">styled</div>',
  '<form action="https://evil.example"><input name="q"><button>go</button></form>',
  '<meta http-equiv="refresh" content="0;url=https://evil.example">',
  '<base href="https://evil.example/">',
  '<details open ontoggle=alert(1)><summary>x</summary></details>',
  '<a href="#" onclick="alert(1)">x</a>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<h2 onmouseover="alert(1)">Heading</h2>',
  '<video src=x onerror=alert(1)></video><audio src=x onerror=alert(1)>',
  '<link rel="stylesheet" href="https://evil.example/x.css">',
  '<img src="http://insecure.example/a.png">',
  '<img src="//evil.example/a.png">',
  '<img srcset="https://evil.example/a.png 1x" src="/curriculum/assets/../../etc/passwd">',
];

function assertInert(html: string): void {
  expect(html).not.toMatch(/<script|<iframe|<object|<embed|<style|<svg|<math|<form|<input|<meta|<base|<link|<video|<audio/i);
  expect(html).not.toMatch(/\son[a-z]+\s*=/i);
  expect(html).not.toMatch(/(href|src)\s*=\s*"?\s*(javascript|data|vbscript):/i);
  expect(html).not.toMatch(/srcset|style="[^"]*url\(/i);
  expect(html).not.toMatch(/<img[^>]+src="(http:|\/\/)/i);
}

describe('sanitiser', () => {
  it.each(PAYLOADS)('renders %s inert through Markdown', (payload) => {
    assertInert(renderMarkdown(payload).html);
  });

  it.each(PAYLOADS)('renders %s inert when sanitised directly', (payload) => {
    assertInert(sanitize(payload));
  });

  it('keeps ordinary Markdown: emphasis, lists, tables, https links and images', () => {
    const html = renderMarkdown(
      '**bold** and *em*\n\n- one\n- two\n\n| a | b |\n| - | -: |\n| 1 | 2 |\n\n[site](https://example.org) ![alt](https://example.org/x.png) ![ours](/curriculum/assets/abc.png)',
    ).html;
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<li>one</li>');
    expect(html).toContain('<table>');
    expect(html).toContain('<a href="https://example.org" rel="noopener noreferrer">site</a>');
    expect(html).toContain('<img src="https://example.org/x.png" alt="alt" loading="lazy" />');
    expect(html).toContain('src="/curriculum/assets/abc.png"');
  });

  it('keeps an image’s width and height only as whole pixel counts', () => {
    const html = sanitize('<img src="https://example.org/a.png" width="640" height="480"><img src="https://example.org/b.png" width="100%" height="1e9">');
    expect(html).toContain('<img src="https://example.org/a.png" width="640" height="480" loading="lazy" />');
    expect(html).toContain('<img src="https://example.org/b.png" loading="lazy" />');
  });

  it('drops images from other origins over http and relative paths outside our asset route', () => {
    const html = renderMarkdown('![a](http://example.org/a.png) ![b](images/b.png)').html;
    expect(html).not.toContain('<img');
  });
});

describe('heading ids', () => {
  it('keeps generated anchors and drops ids written in raw HTML that could clobber page elements', () => {
    const html = renderMarkdown('<h2 id="csrf-token">Raw</h2>\n\n## Generated').html;
    expect(html).toContain('<h2>Raw</h2>');
    expect(html).toContain('<h2 id="h-generated">');
  });
});

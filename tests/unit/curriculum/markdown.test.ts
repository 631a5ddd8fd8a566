import { renderInlineMarkdown, renderMarkdown, SlugRegistry } from '../../../server/features/content/markdown.js';
import { parseVideoUrl, renderVideo } from '../../../server/features/content/video.js';

describe('markdown rendering', () => {
  it('gives headings ids and a permalink, unique across chunks of one page', () => {
    const slugs = new SlugRegistry();
    const first = renderMarkdown('## Your turn\n\ntext', slugs);
    const second = renderMarkdown('## Your turn\n\nmore', slugs);
    expect(first.html).toContain('<h2 id="h-your-turn">Your turn <a class="heading-anchor" href="#h-your-turn"');
    expect(second.headings).toEqual([{ level: 2, text: 'Your turn', id: 'h-your-turn-2' }]);
  });

  it('keeps non-Latin headings readable in ids (Serbian Cyrillic, Greek)', () => {
    const { headings } = renderMarkdown('## Библиотека као заједница\n\n## Βιβλιοθήκη');
    expect(headings.map((h) => h.id)).toEqual(['h-библиотека-као-заједница', 'h-βιβλιοθηκη']);
  });
});

describe('image sizes', () => {
  const ASSET = '/curriculum/assets/0b6f3f5e-1111-4222-8333-444455556666.png';
  const sizes = (src: string) => (src === ASSET ? { width: 640, height: 480 } : undefined);

  it('gives an image with a known size its width and height, and every image loading="lazy"', () => {
    const { html } = renderMarkdown(`![SWOT grid](${ASSET})\n\n![Elsewhere](https://example.org/map.png)`, new SlugRegistry(), sizes);
    expect(html).toContain(`<img src="${ASSET}" alt="SWOT grid" width="640" height="480" loading="lazy" />`);
    expect(html).toContain('<img src="https://example.org/map.png" alt="Elsewhere" loading="lazy" />');
  });

  it('renders images without sizes when no lookup is given, and inline Markdown gets them too', () => {
    expect(renderMarkdown(`![Grid](${ASSET})`).html).toContain(`<img src="${ASSET}" alt="Grid" loading="lazy" />`);
    expect(renderInlineMarkdown(`Which? ![Grid](${ASSET})`, sizes)).toContain('width="640" height="480"');
  });

  it('writes only whole positive pixel counts', () => {
    const odd = () => ({ width: 12.5, height: -3 });
    expect(renderMarkdown(`![Grid](${ASSET})`, new SlugRegistry(), odd).html).not.toMatch(/width=|height=/);
  });
});

describe('video blocks', () => {
  it.each([
    ['https://www.youtube.com/watch?v=Lk7Qm2xVb9A', 'youtube', 'Lk7Qm2xVb9A'],
    ['https://youtu.be/Lk7Qm2xVb9A', 'youtube', 'Lk7Qm2xVb9A'],
    ['https://www.youtube.com/embed/Lk7Qm2xVb9A', 'youtube', 'Lk7Qm2xVb9A'],
    ['https://vimeo.com/76979871', 'vimeo', '76979871'],
  ])('recognises %s', (url, provider, id) => {
    expect(parseVideoUrl(url)).toMatchObject({ provider, id });
  });

  it.each(['https://example.org/video', 'javascript:alert(1)', 'https://www.youtube.com/watch?v=bad"id', 'not a url'])('refuses %s', (url) => {
    expect(parseVideoUrl(url)).toBeNull();
  });

  it('renders a plain link and a local placeholder: no iframe, no third-party image or script', () => {
    const html = renderVideo('https://youtu.be/Lk7Qm2xVb9A', 'Talk <b>about</b> "hubs"');
    expect(html).toContain('href="https://www.youtube.com/watch?v=Lk7Qm2xVb9A"');
    expect(html).toContain('Talk &lt;b&gt;about&lt;/b&gt; &quot;hubs&quot;');
    expect(html).not.toMatch(/<iframe|<img|<script|ytimg|i\.vimeocdn/);
  });
});

import { renderMarkdown, SlugRegistry } from '../../../server/features/content/markdown.js';
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

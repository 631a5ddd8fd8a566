/**
 * The one HTML sanitiser for author- and learner-written Markdown. Everything markdown-it produces
 * passes through here before it reaches a page, so this allow-list is the security boundary:
 * no script/style/iframe, no event handlers, no javascript:/data: URLs, images only from our own
 * asset route or https.
 */
import sanitizeHtml from 'sanitize-html';

/** Path prefixes of our own file routes that images may point at (served with a permission check). */
export const LOCAL_IMAGE_PREFIXES = ['/curriculum/assets/'];

const SIZE_ATTRS = new Set(['width', 'height']);
const PIXELS = /^[1-9][0-9]{0,4}$/;

const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'];

function isAllowedImageSrc(src: string | undefined): boolean {
  if (!src) return false;
  if (LOCAL_IMAGE_PREFIXES.some((prefix) => src.startsWith(prefix))) return !src.includes('..');
  return /^https:\/\/[^\s]+$/i.test(src);
}

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    ...HEADINGS,
    'p',
    'br',
    'hr',
    'blockquote',
    'pre',
    'code',
    'span',
    'div',
    'strong',
    'b',
    'em',
    'i',
    's',
    'del',
    'ins',
    'mark',
    'sub',
    'sup',
    'small',
    'abbr',
    'kbd',
    'ul',
    'ol',
    'li',
    'dl',
    'dt',
    'dd',
    'a',
    'img',
    'figure',
    'figcaption',
    'table',
    'thead',
    'tbody',
    'tfoot',
    'tr',
    'th',
    'td',
    'caption',
    'details',
    'summary',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'class', 'aria-label', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height', 'loading'],
    // Heading ids are the anchors the table of contents links to.
    ...Object.fromEntries(HEADINGS.map((h) => [h, ['id']])),
    abbr: ['title'],
    ol: ['start'],
    th: ['align', 'scope', 'style'],
    td: ['align', 'style'],
    code: ['class'],
    span: ['class', 'aria-hidden'],
  },
  // markdown-it writes table alignment as an inline style; only that one property is kept.
  allowedStyles: { '*': { 'text-align': [/^(left|right|center)$/] } },
  allowedClasses: { a: ['heading-anchor'], code: [/^language-[\w-]+$/], span: ['visually-hidden'] },
  allowedSchemes: ['https', 'http', 'mailto'],
  allowedSchemesByTag: { img: ['https'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    a: (tagName, attribs) => {
      const href = attribs.href ?? '';
      const external = /^https?:\/\//i.test(href);
      return { tagName, attribs: external ? { ...attribs, rel: 'noopener noreferrer' } : attribs };
    },
    // width/height only as whole pixel counts (raw HTML could say 100% or 99999999).
    img: (tagName, attribs) => ({
      tagName,
      attribs: { ...Object.fromEntries(Object.entries(attribs).filter(([k, v]) => !SIZE_ATTRS.has(k) || PIXELS.test(v))), loading: 'lazy' },
    }),
    // Only our generated anchors (h-...) may set ids, so raw HTML cannot clobber page element ids.
    ...Object.fromEntries(
      HEADINGS.map((h) => [
        h,
        (tagName: string, attribs: sanitizeHtml.Attributes) => {
          const { id, ...rest } = attribs;
          return { tagName, attribs: id && /^h-[\p{L}\p{N}-]+$/u.test(id) ? { ...attribs } : rest };
        },
      ]),
    ),
  },
  // Drop images whose source is not ours or https (sanitize-html would keep the tag without src).
  exclusiveFilter: (frame) => frame.tag === 'img' && !isAllowedImageSrc(frame.attribs.src),
};

/** Returns HTML with everything outside the allow-list removed. */
export function sanitize(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}

/**
 * Video blocks are rendered privacy-friendly: a plain link to the provider plus a neutral
 * placeholder drawn by our own CSS. Nothing is loaded from YouTube or Vimeo (no iframe, no
 * thumbnail hotlink) until the learner clicks; `data-embed` lets an optional script swap in the
 * privacy-enhanced player after that click.
 */

export interface VideoRef {
  provider: 'youtube' | 'vimeo';
  id: string;
  watchUrl: string;
  embedUrl: string;
}

const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;

/** Recognises YouTube and Vimeo URLs; returns null for anything else. */
export function parseVideoUrl(raw: string): VideoRef | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const host = url.hostname.replace(/^(www\.|m\.)/, '');
  let id: string | null = null;
  if (host === 'youtube.com' || host === 'youtube-nocookie.com') {
    const parts = url.pathname.split('/').filter(Boolean);
    if (url.pathname === '/watch') id = url.searchParams.get('v');
    else if (['embed', 'shorts', 'live', 'v'].includes(parts[0] ?? '')) id = parts[1] ?? null;
  } else if (host === 'youtu.be') {
    id = url.pathname.slice(1);
  }
  if (id !== null) {
    if (!YOUTUBE_ID.test(id)) return null;
    return {
      provider: 'youtube',
      id,
      watchUrl: `https://www.youtube.com/watch?v=${id}`,
      embedUrl: `https://www.youtube-nocookie.com/embed/${id}?autoplay=1`,
    };
  }
  if (host === 'vimeo.com' || host === 'player.vimeo.com') {
    const match = /(?:^|\/)(\d{5,12})(?:\/|$)/.exec(url.pathname);
    if (!match) return null;
    return {
      provider: 'vimeo',
      id: match[1],
      watchUrl: `https://vimeo.com/${match[1]}`,
      embedUrl: `https://player.vimeo.com/video/${match[1]}?dnt=1&autoplay=1`,
    };
  }
  return null;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for an HTML text node or a double-quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]);
}

/** HTML for a video block: a link with a placeholder thumbnail; no third-party request. */
export function renderVideo(url: string, title: string): string {
  const ref = parseVideoUrl(url);
  if (!ref)
    return `<p class="video-unavailable">Video link not recognised: ${escapeHtml(title)}</p>`;
  const provider = ref.provider === 'youtube' ? 'YouTube' : 'Vimeo';
  return (
    `<figure class="video-block">` +
    `<a class="video-link" href="${escapeHtml(ref.watchUrl)}" rel="noopener noreferrer" data-embed="${escapeHtml(ref.embedUrl)}">` +
    `<span class="video-thumb" aria-hidden="true"><span class="video-play">&#9654;</span></span>` +
    `<span class="video-caption">${escapeHtml(title)} <span class="video-provider">(watch on ${provider}; opens the provider's site)</span></span>` +
    `</a></figure>`
  );
}

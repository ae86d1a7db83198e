// Markdown to HTML for the content hub. Raw HTML in the source is not passed through (markdown-it `html: false`
// escapes it), and markdown-it's link check refuses javascript:, vbscript:, file: and data: URLs, so what an
// editor writes cannot inject script into a reader's page. Links leave with rel="noopener noreferrer".
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: true, typographer: true, breaks: false });

const defaultLinkOpen =
  md.renderer.rules.link_open ??
  ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  if (token && /^https?:/i.test(String(token.attrGet('href') ?? '')))
    token.attrSet('rel', 'noopener noreferrer');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

export const renderMarkdown = (source: string): string => md.render(source);

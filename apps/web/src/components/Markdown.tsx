import { useMemo } from 'react';
import { Marked, type TokenizerAndRendererExtension } from 'marked';
import DOMPurify from 'dompurify';

const SYMBOLS: Record<string, string> = {
  le: '≤',
  leq: '≤',
  ge: '≥',
  geq: '≥',
  ne: '≠',
  neq: '≠',
  lt: '<',
  gt: '>',
  cdot: '·',
  times: '×',
  div: '÷',
  pm: '±',
  ldots: '…',
  dots: '…',
  cdots: '⋯',
  infty: '∞',
  to: '→',
  rightarrow: '→',
  leftarrow: '←',
  in: '∈',
  sum: '∑',
  prod: '∏',
  sqrt: '√',
  approx: '≈',
  lfloor: '⌊',
  rfloor: '⌋',
  lceil: '⌈',
  rceil: '⌉',
  alpha: 'α',
  beta: 'β',
  gamma: 'γ',
  delta: 'δ',
  epsilon: 'ε',
  lambda: 'λ',
  mu: 'μ',
  pi: 'π',
  sigma: 'σ',
  quad: '\u2003',
  ',': '\u2009',
  ' ': ' ',
};
const OPERATORS = new Set(['≤', '≥', '≠', '<', '>', '·', '×', '÷', '±', '→', '←', '∈', '≈', '=', '+', '-']);

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A small subset of TeX for statements without a math engine: symbols, sub- and superscripts,
 * \text{} and \mathrm{}. Anything else is shown as written.
 */
export function texToHtml(tex: string): string {
  let out = '';
  let i = 0;
  const group = (): string => {
    if (tex[i] === '{') {
      let depth = 0;
      const start = i;
      for (; i < tex.length; i++) {
        if (tex[i] === '{') depth++;
        else if (tex[i] === '}' && --depth === 0) break;
      }
      i++;
      return texToHtml(tex.slice(start + 1, i - 1));
    }
    if (tex[i] === '\\') {
      const m = /^\\([a-zA-Z]+|.)/.exec(tex.slice(i));
      if (m) {
        i += m[0].length;
        return SYMBOLS[m[1]] ?? escapeHtml(m[0]);
      }
    }
    return escapeHtml(tex[i++] ?? '');
  };
  while (i < tex.length) {
    const c = tex[i];
    if (c === '^' || c === '_') {
      i++;
      const inner = group();
      out += c === '^' ? `<sup>${inner}</sup>` : `<sub>${inner}</sub>`;
    } else if (c === '\\') {
      const m = /^\\([a-zA-Z]+|.)/.exec(tex.slice(i))!;
      i += m[0].length;
      if (['text', 'mathrm', 'textrm', 'texttt', 'mbox', 'operatorname'].includes(m[1]) && tex[i] === '{') {
        out += `<span class="op">${group()}</span>`;
      } else if (['left', 'right', 'displaystyle', 'limits'].includes(m[1])) {
        /* sizing only */
      } else {
        const sym = SYMBOLS[m[1]];
        out += sym === undefined ? escapeHtml(m[0]) : OPERATORS.has(sym) ? `<span class="op">${sym}</span>` : sym;
      }
    } else if (c === '{' || c === '}') {
      i++;
    } else if (OPERATORS.has(c)) {
      out += `<span class="op">${escapeHtml(c)}</span>`;
      i++;
    } else if (/\d/.test(c)) {
      const m = /^[\d.]+/.exec(tex.slice(i))!;
      out += `<span class="n">${m[0]}</span>`;
      i += m[0].length;
    } else {
      out += c === ' ' ? '' : escapeHtml(c);
      i++;
    }
  }
  return out;
}

const math: TokenizerAndRendererExtension = {
  name: 'math',
  level: 'inline',
  start: (src) => src.indexOf('$'),
  tokenizer(src) {
    const m = /^\$\$([^$]+?)\$\$|^\$([^$\n]+?)\$/.exec(src);
    if (m) return { type: 'math', raw: m[0], text: (m[1] ?? m[2]).trim() };
    return undefined;
  },
  renderer: (token) => `<span class="math">${texToHtml(token.text as string)}</span>`,
};

const md = new Marked({ gfm: true, extensions: [math] });

/**
 * Renders a problem statement: Markdown to HTML, then sanitised (no scripts, handlers or frames).
 * Headings move down two levels (the page has its own h1 and h2); a leading heading that repeats
 * the problem's name is left out.
 */
export function Markdown({ source, title }: { source: string; title?: string }) {
  const html = useMemo(() => {
    const tokens = md.lexer(source);
    const first = tokens.findIndex((t) => t.type !== 'space');
    const lead = tokens[first];
    if (title && lead?.type === 'heading' && lead.text.trim().toLowerCase() === title.trim().toLowerCase()) {
      tokens.splice(first, 1);
    }
    const raw = md.parser(tokens);
    const clean = DOMPurify.sanitize(raw, {
      USE_PROFILES: { html: true },
      FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select'],
    });
    return clean.replace(
      /<(\/?)h([1-6])(?=[\s>])/g,
      (_m, slash: string, n: string) => `<${slash}h${Math.min(6, Number(n) + 2)}`,
    );
  }, [source, title]);
  return <div className="prose" dangerouslySetInnerHTML={{ __html: html }} />;
}

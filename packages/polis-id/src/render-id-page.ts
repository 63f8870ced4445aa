import type { Language } from '@polis/kernel'
import { html, raw } from 'hono/html'

const styles = `
:root { color-scheme: light dark; --bg: #f6f7f9; --fg: #15171a; --muted: #4a5160; --card: #fff; --accent: #0b57d0; --border: #c5cad3; }
@media (prefers-color-scheme: dark) { :root { --bg: #121417; --fg: #eef0f3; --muted: #b9c0cc; --card: #1c1f24; --accent: #8ab4ff; --border: #3a404a; } }
body { margin: 0; font: 1.05rem/1.5 system-ui, sans-serif; background: var(--bg); color: var(--fg); }
main { max-width: 30rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
.brand { font-weight: 700; color: var(--accent); margin: 0 0 1rem; }
h1 { font-size: 1.5rem; line-height: 1.25; margin: 0 0 1rem; }
.card { background: var(--card); border: 1px solid var(--border); border-radius: 16px; padding: 1rem 1.25rem; margin: 1rem 0; }
.qr { display: block; width: 100%; max-width: 16rem; margin: 0 auto; background: #fff; border-radius: 8px; }
.code { font-size: 2.5rem; font-weight: 800; letter-spacing: 0.2em; text-align: center; margin: 0.25rem 0; font-variant-numeric: tabular-nums; }
.muted { color: var(--muted); }
a.button, button { display: flex; align-items: center; justify-content: center; width: 100%; min-height: 48px; margin: 0.75rem 0; border-radius: 12px; font: inherit; font-weight: 600; text-decoration: none; cursor: pointer; box-sizing: border-box; }
.primary { background: var(--accent); color: var(--bg); border: none; }
.secondary { background: transparent; color: var(--fg); border: 1px solid var(--border); }
ul { padding-left: 1.25rem; }
`

/** A Polis ID page: its own styles and, where given, a script allowed by nonce only. */
export function renderIdPage(options: {
  language: Language
  title: string
  body: string
  nonce: string
  script?: string
}): string {
  return String(html`<!doctype html>
<html lang="${options.language}">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="robots" content="noindex">
    <title>${options.title} — Polis ID</title>
    <style nonce="${options.nonce}">${raw(styles)}</style>
  </head>
  <body>
    <main>
      <p class="brand">Polis ID</p>
      ${raw(options.body)}
    </main>
    ${options.script ? raw(`<script nonce="${options.nonce}">${options.script}</script>`) : ''}
  </body>
</html>`)
}

/**
 * Pages the server renders itself (Polis ID's sign-in, the signing and verification
 * pages): one look, the styles and any script allowed by nonce only, so that a strict
 * Content-Security-Policy holds. `body` is HTML the caller escaped.
 */
const styles = `
:root { color-scheme: light dark; --bg: #f6f7f9; --fg: #15171a; --muted: #4a5160; --card: #fff; --accent: #0b57d0; --border: #c5cad3; --ok: #0a6b2d; --bad: #a3141b; }
@media (prefers-color-scheme: dark) { :root { --bg: #121417; --fg: #eef0f3; --muted: #b9c0cc; --card: #1c1f24; --accent: #8ab4ff; --border: #3a404a; --ok: #7fd69b; --bad: #ff9c9c; } }
[hidden] { display: none !important; }
body { margin: 0; font: 1.05rem/1.5 system-ui, sans-serif; background: var(--bg); color: var(--fg); }
main { max-width: 30rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
.brand { font-weight: 700; color: var(--accent); margin: 0 0 1rem; }
h1 { font-size: 1.5rem; line-height: 1.25; margin: 0 0 1rem; }
h2 { font-size: 1.15rem; margin: 1.25rem 0 0.5rem; }
.card { background: var(--card); border: 1px solid var(--border); border-radius: 16px; padding: 1rem 1.25rem; margin: 1rem 0; }
.qr { display: block; width: 100%; max-width: 16rem; margin: 0 auto; background: #fff; border-radius: 8px; }
.code { font-size: 2.5rem; font-weight: 800; letter-spacing: 0.2em; text-align: center; margin: 0.25rem 0; font-variant-numeric: tabular-nums; }
.muted { color: var(--muted); }
.ok { color: var(--ok); font-weight: 700; }
.bad { color: var(--bad); font-weight: 700; }
a.button, button { display: flex; align-items: center; justify-content: center; width: 100%; min-height: 48px; margin: 0.75rem 0; border-radius: 12px; font: inherit; font-weight: 600; text-decoration: none; cursor: pointer; box-sizing: border-box; }
.primary { background: var(--accent); color: var(--bg); border: none; }
.secondary { background: transparent; color: var(--fg); border: 1px solid var(--border); }
label { display: block; font-weight: 600; margin: 0.75rem 0 0.25rem; }
fieldset { border: 0; margin: 0.75rem 0 0; padding: 0; }
legend { font-weight: 600; padding: 0; margin-bottom: 0.25rem; }
label.choice { display: flex; gap: 0.5rem; align-items: flex-start; font-weight: 400; margin: 0.5rem 0; min-height: 24px; }
label.choice input { width: 1.25rem; height: 1.25rem; margin: 0.15rem 0 0; flex: none; }
input:not([type=radio]):not([type=checkbox]), select { display: block; width: 100%; min-height: 48px; font: inherit; color: var(--fg); background: var(--card); border: 1px solid var(--border); border-radius: 12px; padding: 0.5rem; box-sizing: border-box; }
/* A label's column no wider than leaves its value 12rem: on a phone long labels wrap, values do not break mid-word. */
dl { display: grid; grid-template-columns: fit-content(calc(100% - 13rem)) minmax(0, 1fr); gap: 0.25rem 1rem; margin: 0; }
dt { color: var(--muted); }
dd { margin: 0; overflow-wrap: anywhere; }
ul { padding-left: 1.25rem; }
`

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Text made safe for HTML content and attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => escapes[c] as string)
}

export function renderServerPage(options: {
  language: string
  brand: string
  title: string
  body: string
  nonce: string
  script?: string
  /** Styles of this page's own, after the shared ones. */
  styles?: string
}): string {
  const nonce = escapeHtml(options.nonce)
  return `<!doctype html>
<html lang="${escapeHtml(options.language)}">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="robots" content="noindex">
    <title>${escapeHtml(options.title)} — ${escapeHtml(options.brand)}</title>
    <style nonce="${nonce}">${styles}${options.styles ?? ''}</style>
  </head>
  <body>
    <main>
      <p class="brand">${escapeHtml(options.brand)}</p>
      ${options.body}
    </main>
    ${options.script ? `<script nonce="${nonce}">${options.script}</script>` : ''}
  </body>
</html>`
}

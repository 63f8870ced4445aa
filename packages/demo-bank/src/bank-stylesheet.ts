/**
 * The DEMO BANK's stylesheet. Colours keep at least 7:1 contrast with their background;
 * focus is a thick dark outline on a yellow halo, visible on every colour used; targets
 * are at least 44 px high; the layout is one column that widens up to 40 rem.
 */
export const bankStylesheet = `
*,*::before,*::after{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;font-size:100%;line-height:1.5;color:#0b0c0c;background:#fff;-webkit-text-size-adjust:100%}
body{margin:0}
a{color:#1a3a6b;text-underline-offset:.15em}
a:hover{color:#0b0c0c}
:focus-visible{outline:3px solid #0b0c0c;outline-offset:0;box-shadow:0 0 0 6px #ffdd00}
.skip-link{position:absolute;left:-9999px;top:0;padding:.75rem 1rem;background:#ffdd00;color:#0b0c0c}
.skip-link:focus{left:0;z-index:1}
.demo-notice{background:#ffdd00;color:#0b0c0c;border-bottom:4px solid #0b0c0c;padding:.75rem 1rem}
.demo-notice p{margin:.25rem auto;max-width:40rem;font-size:1rem}
.bank-header{background:#1a3a6b;color:#fff;padding:.75rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center;justify-content:space-between}
.bank-logo{margin:0;font-weight:700;font-size:1.25rem;letter-spacing:.05em}
.languages{list-style:none;margin:0;padding:0;display:flex;gap:1rem}
.languages a{color:#fff;display:inline-block;padding:.5rem 0;min-height:44px}
.languages a[aria-current]{font-weight:700;text-decoration-thickness:3px}
main{display:block;max-width:40rem;margin:0 auto;padding:1rem 1rem 3rem}
main:focus{outline:none}
h1{font-size:1.75rem;line-height:1.2;margin:1rem 0 .5rem}
h2{font-size:1.25rem;margin:1.5rem 0 .5rem}
.lead{font-size:1.125rem;margin:0 0 1.25rem}
label{display:block;font-weight:700;margin-bottom:.25rem}
.search-row{display:flex;gap:.5rem}
input[type=search]{flex:1;min-width:0;min-height:44px;font:inherit;padding:.5rem;border:2px solid #0b0c0c;border-radius:0;background:#fff;color:#0b0c0c}
button,.button{font:inherit;min-height:44px;padding:.5rem 1rem;border:2px solid #1a3a6b;background:#1a3a6b;color:#fff;border-radius:4px;cursor:pointer;display:inline-block;text-decoration:none}
button:hover,.button:hover{background:#0b0c0c;border-color:#0b0c0c;color:#fff}
button.secondary{background:#fff;color:#1a3a6b;margin-top:1.5rem}
button.secondary:hover{background:#f0f0f0;color:#0b0c0c}
.customers{list-style:none;margin:0;padding:0;display:grid;gap:.5rem}
.customers button{width:100%;text-align:left;background:#fff;color:#0b0c0c;border:2px solid #505a5f;display:flex;flex-direction:column;gap:.125rem}
.customers button:hover{border-color:#1a3a6b;background:#eef2f8;color:#0b0c0c}
.customer-name{font-weight:700}
.customer-meta{font-size:.9375rem;color:#383f43}
.pager{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;margin-top:1rem}
.pager a{display:inline-block;padding:.5rem 0;min-height:44px}
.qr{margin:1rem 0;max-width:280px}
.qr svg{display:block;width:100%;height:auto;background:#fff}
dl{display:grid;grid-template-columns:minmax(8rem,auto) 1fr;gap:.5rem 1rem;margin:1rem 0}
dt{font-weight:700}
dd{margin:0;overflow-wrap:anywhere}
.visually-hidden{position:absolute!important;width:1px!important;height:1px!important;margin:0!important;padding:0!important;overflow:hidden!important;clip:rect(0 0 0 0)!important;white-space:nowrap!important;border:0!important}
@media (prefers-reduced-motion:no-preference){button,.button{transition:background-color .1s}}
@media (forced-colors:active){:focus-visible{outline:3px solid CanvasText}.demo-notice{border:2px solid CanvasText}}
`

import { DASHBOARD_SCRIPT } from './client-script.ts';

const STYLE = `
  :root { color-scheme: light dark; --ok: #1a7f37; --limited: #cf222e; --fallback: #9a6700; --muted: #6e7781; }
  * { box-sizing: border-box; }
  body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 1040px; padding: 1.5rem; }
  h1 { font-size: 1.4rem; margin: 0; }
  h2 { font-size: 1.05rem; margin: 1.6rem 0 .5rem; }
  header { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: baseline; }
  .muted { color: var(--muted); }
  .badge { border-radius: 1em; padding: .1em .7em; font-weight: 600; font-size: .85rem; border: 1px solid currentColor; }
  .status-ok { color: var(--ok); } .status-degraded { color: var(--fallback); } .status-down { color: var(--limited); }
  #store { display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; margin-top: .8rem; }
  #burst-panel { display: flex; flex-wrap: wrap; gap: .8rem; align-items: end; padding: 1rem;
    border: 1px solid #8885; border-radius: .6rem; margin-top: 1.2rem; }
  label { display: grid; gap: .2rem; font-size: .85rem; }
  select, input, button { font: inherit; padding: .35rem .6rem; }
  button { cursor: pointer; font-weight: 600; }
  #burst-result { min-width: 16rem; }
  #retry { font-weight: 600; color: var(--limited); }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid #8884; }
  td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
  td.allowed { color: var(--ok); } td.limited { color: var(--limited); } td.fallback { color: var(--fallback); }
  .bar { height: .45rem; background: #8883; border-radius: .3rem; overflow: hidden; min-width: 5rem; }
  .bar > span { display: block; height: 100%; background: var(--ok); }
  #recent { list-style: none; padding: 0; margin: 0; font: 13px/1.5 ui-monospace, monospace; white-space: pre-wrap; }
  #recent li.limited { color: var(--limited); } #recent li.fallback, #recent li.unavailable { color: var(--fallback); }
`;

/**
 * The live dashboard: plain HTML, CSS and JavaScript in one page, no build step. Every server
 * (Express, Hono on Node and Workers, Next) serves it at `/`; it polls `GET /api/demo/state`.
 */
export const DASHBOARD_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>@rl demo — live rate limits</title>
<style>${STYLE}</style>
</head>
<body>
<header>
  <h1>@rl demo</h1>
  <span id="server" class="muted">connecting…</span>
</header>
<div id="store" aria-live="polite">
  <span>Store <strong id="store-backend">?</strong> <span id="store-description" class="muted"></span></span>
  <span>Health <span id="health-status" class="badge">?</span></span>
  <span>Latency <strong id="store-latency">?</strong></span>
  <span>Circuit <strong id="store-circuit">?</strong></span>
  <span>Policy <strong id="store-policy">?</strong></span>
  <span>Fallback active <strong id="store-fallback">?</strong></span>
</div>

<section id="burst-panel">
  <label>Route <select id="burst-route"></select></label>
  <label>Requests <input id="burst-count" type="number" min="1" max="200" value="15"></label>
  <button id="burst" type="button">Fire burst</button>
  <div>
    <div id="burst-result" class="muted">Fire a burst to watch the 429s.</div>
    <div id="retry" hidden>Limited — retry in <span id="retry-seconds">0</span> s</div>
  </div>
</section>

<h2>Routes <span class="muted">— your quota and every decision this instance made</span></h2>
<table>
  <thead><tr>
    <th>Route</th><th>Limit</th><th class="num">Your remaining</th><th></th><th class="num">Resets in</th>
    <th class="num">Allowed</th><th class="num">Limited</th><th class="num">Fallback</th>
  </tr></thead>
  <tbody id="routes"></tbody>
</table>

<h2>Recent decisions</h2>
<ol id="recent"></ol>
<script>${DASHBOARD_SCRIPT}</script>
</body>
</html>
`;

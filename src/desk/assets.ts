/**
 * The desk's style sheet and its one small script, served as files from /desk/static/ so the
 * content security policy allows no inline script or style at all.
 *
 * The script (progressive enhancement; every page works without it):
 * - Telegram's Mini App theme: Telegram opens the page with `#tgWebAppThemeParams={…}` in
 *   the address's fragment (what Telegram.WebApp.themeParams reads); the colours become CSS
 *   variables, kept for the session's later pages. Outside Telegram the light or dark scheme
 *   of the device applies (prefers-color-scheme).
 * - Mini App sign-in: the fragment's `tgWebAppData` (Telegram's signed init data) is posted to
 *   the server, which checks its signature with the bot token.
 * - A one-time link's page presses its own button; "select all" on a page of comments; a
 *   saved wording fills the text and the kind.
 */
export const DESK_CSS = `
:root {
  --bg: #ffffff; --text: #1b1f24; --hint: #5f6b76; --link: #1d5fb4; --button: #1d5fb4; --button-text: #ffffff;
  --secondary-bg: #f1f3f5; --border: #d5dae0; --accent: #b3261e; --ok: #1e7b34;
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :root:not(.tg) { --bg: #17191c; --text: #e7e9ec; --hint: #9aa4ae; --link: #7db3ff; --button: #3d7fd6; --button-text: #ffffff; --secondary-bg: #22262b; --border: #3a4048; --accent: #ff8a80; --ok: #81c995; }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--text); font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
a { color: var(--link); }
:focus-visible { outline: 3px solid var(--link); outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: var(--bg); padding: .5rem; }
.skip:focus { left: .5rem; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
header.top { display: flex; flex-wrap: wrap; gap: .5rem 1rem; justify-content: space-between; align-items: center; padding: .5rem .75rem; background: var(--secondary-bg); border-bottom: 1px solid var(--border); }
header.top nav { display: flex; flex-wrap: wrap; gap: .25rem .9rem; }
header.top nav a { font-weight: 600; text-decoration: none; padding: .25rem 0; }
.who { display: flex; gap: .5rem; align-items: center; color: var(--hint); font-size: .875rem; }
.who form { margin: 0; }
main { padding: .75rem; max-width: 1200px; margin: 0 auto; }
h1 { font-size: 1.35rem; margin: .5rem 0; }
h2 { font-size: 1.1rem; margin: 1.25rem 0 .5rem; }
.lead { font-size: 1.05rem; }
.hint { color: var(--hint); font-size: .875rem; }
.notice, .message { background: var(--secondary-bg); border-left: 4px solid var(--ok); padding: .5rem .75rem; }
.message[role=alert] { border-left-color: var(--accent); }
.table-wrap { overflow-x: auto; -webkit-overflow-scrolling: touch; border: 1px solid var(--border); border-radius: 6px; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; vertical-align: top; padding: .4rem .5rem; border-bottom: 1px solid var(--border); }
thead th { background: var(--secondary-bg); white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.text { min-width: 14rem; }
td.date { white-space: nowrap; color: var(--hint); }
td.missing { color: var(--accent); }
tr.part-silent td:last-child { color: var(--accent); font-weight: 600; }
.pick { width: 2.5rem; text-align: center; }
.pick input { width: 1.25rem; height: 1.25rem; }
.grid { display: grid; gap: 0 1rem; grid-template-columns: 1fr; }
@media (min-width: 760px) { .grid { grid-template-columns: 1fr 1fr; } }
button, .button { display: inline-block; font: inherit; font-weight: 600; padding: .5rem .9rem; border-radius: 6px; border: 1px solid var(--button); background: var(--button); color: var(--button-text); text-decoration: none; cursor: pointer; min-height: 44px; }
.button.secondary { background: transparent; color: var(--link); }
button.link { background: none; border: none; color: var(--link); padding: 0; min-height: 0; font-weight: 400; text-decoration: underline; }
.actions { display: flex; flex-wrap: wrap; gap: .5rem; }
form.inline { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin: .5rem 0; }
form.filters { display: flex; flex-wrap: wrap; gap: .5rem .75rem; align-items: flex-end; margin: .5rem 0 .75rem; }
form.filters label { display: flex; flex-direction: column; font-size: .85rem; color: var(--hint); }
select, input[type=search], textarea { font: inherit; color: var(--text); background: var(--bg); border: 1px solid var(--border); border-radius: 6px; padding: .4rem .5rem; min-height: 44px; max-width: 100%; }
textarea { width: 100%; min-height: 6rem; }
fieldset { border: 1px solid var(--border); border-radius: 6px; margin: 1rem 0; padding: .75rem; min-width: 0; }
.bulk select { width: 100%; }
legend { font-weight: 700; padding: 0 .25rem; }
.bulk label { display: block; margin: .5rem 0; }
.bulk label.check, .kinds label { display: inline-flex; gap: .35rem; align-items: center; margin-right: 1rem; }
.kinds { margin: .25rem 0 .5rem; }
.pager { display: flex; gap: 1rem; align-items: center; margin: .75rem 0; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem .75rem; }
dl.facts dt { color: var(--hint); }
dl.facts dd { margin: 0; }
.fulltext { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--secondary-bg); padding: .6rem .75rem; border-radius: 6px; }
ol.audit, ol.edits { padding-left: 1.25rem; }
ol.audit li, ol.edits li { margin: .35rem 0; }
.change { color: var(--hint); font-size: .875rem; overflow-wrap: anywhere; }
/* A narrow screen (Telegram's in-app view): each comment is a card, its fields named. */
@media (max-width: 640px) {
  table.comments thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table.comments tbody, table.comments tr, table.comments td { display: block; }
  table.comments tr { display: grid; grid-template-columns: auto 1fr; border-bottom: 1px solid var(--border); padding: .35rem 0; }
  table.comments td { border: 0; padding: .1rem .5rem; grid-column: 2; }
  table.comments td.pick { grid-column: 1; grid-row: 1 / span 7; padding-top: .35rem; }
  table.comments td.text { min-width: 0; }
  table.comments td[data-label]::before { content: attr(data-label) ": "; color: var(--hint); font-size: .8rem; }
}
`;

export const DESK_JS = `'use strict';
(function () {
  var root = document.documentElement;
  var params = new URLSearchParams(location.hash.slice(1));
  var VARS = { bg_color: '--bg', text_color: '--text', hint_color: '--hint', link_color: '--link', button_color: '--button', button_text_color: '--button-text', secondary_bg_color: '--secondary-bg', destructive_text_color: '--accent' };
  var theme = params.get('tgWebAppThemeParams');
  try {
    if (theme) sessionStorage.setItem('deskTheme', theme);
    else theme = sessionStorage.getItem('deskTheme');
  } catch (e) {}
  if (theme) {
    try {
      var p = JSON.parse(theme);
      Object.keys(VARS).forEach(function (k) {
        if (typeof p[k] === 'string' && /^#[0-9a-fA-F]{3,8}$/.test(p[k])) root.style.setProperty(VARS[k], p[k]);
      });
      if (typeof p.hint_color === 'string') root.style.setProperty('--border', p.hint_color + '55');
      root.classList.add('tg');
    } catch (e) {}
  }

  var auth = document.getElementById('webapp-auth');
  var initData = params.get('tgWebAppData');
  if (auth && initData) {
    auth.hidden = false;
    var status = document.getElementById('webapp-status');
    fetch(auth.getAttribute('data-action'), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ initData: initData }).toString()
    })
      .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, body: j }; }); })
      .then(function (res) {
        if (res.ok && res.body.next) location.replace(res.body.next);
        else { status.textContent = res.body.error || ''; status.setAttribute('role', 'alert'); }
      })
      .catch(function () { status.setAttribute('role', 'alert'); });
  } else {
    var on = document.getElementById('signed-in');
    if (on) location.replace(on.getAttribute('href'));
  }

  var auto = document.querySelector('form[data-autosubmit]');
  if (auto) auto.submit();

  var all = document.querySelector('[data-pick-all]');
  if (all) {
    all.hidden = false;
    all.addEventListener('change', function () {
      document.querySelectorAll('input[name=id][form=bulk]').forEach(function (b) { b.checked = all.checked; });
    });
  }

  document.querySelectorAll('select[data-wordings]').forEach(function (sel) {
    sel.addEventListener('change', function () {
      var o = sel.options[sel.selectedIndex];
      var form = sel.form;
      if (!o || !o.value || !form) return;
      form.elements.namedItem('text').value = o.getAttribute('data-text') || '';
      var kind = form.querySelector('input[name=kind][value="' + o.getAttribute('data-kind') + '"]');
      if (kind) kind.checked = true;
    });
  });
})();
`;

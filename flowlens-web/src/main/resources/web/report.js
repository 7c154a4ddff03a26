'use strict';
// The self-contained HTML report: draws the data of #report-data; every text through textContent.
(function () {
  const data = JSON.parse(document.getElementById('report-data').textContent);
  const main = document.getElementById('main');
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) { if (k === 'class') e.className = v; else e.setAttribute(k, v); }
    for (const c of children.flat()) { if (c !== null && c !== undefined) e.append(c instanceof Node ? c : document.createTextNode(String(c))); }
    return e;
  }
  const PLAIN = /(^|[-_])(start|end|t|port|srcport|dstport|version|line|protocol|id|first|last|count|bucket)$/;
  function fmt(v, column) { return typeof v === 'number' ? (Number.isInteger(v) && !(column && PLAIN.test(column)) ? v.toLocaleString('en-US') : String(v)) : v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v); }
  function table(name, columns, rows) {
    return el('table', { 'data-table': name }, el('thead', {}, el('tr', {}, columns.map(c => el('th', {}, c)))),
      el('tbody', {}, rows.map(r => el('tr', {}, r.map((v, i) => el('td', typeof v === 'number' ? { class: 'num' } : {}, fmt(v, columns[i])))))));
  }
  function card(title, ...children) { return el('div', { class: 'card' }, title ? el('h3', {}, title) : null, ...children); }
  function chart(div, option) {
    option.animation = false;
    echarts.init(div, null, { renderer: 'canvas' }).setOption(option);
    div.setAttribute('data-chart', 'ready');
  }
  const ov = data.overview;
  main.append(el('h2', {}, 'Flow logs ' + (data.from || data.first || '') + ' – ' + (data.to || data.last || '')),
    el('p', { class: 'muted' }, fmt(data.records) + ' records in ' + fmt(data.files) + ' files; generated ' + data.generated));
  const grid = el('div', { class: 'grid' });
  main.append(grid);
  for (const [title, idx] of [['Bytes', 2], ['Packets', 3], ['Records', 4]]) {
    const d = el('div', { class: 'chart', 'data-chart-name': 'series-' + title.toLowerCase() });
    grid.append(card(title + ' by action (' + data.bin + ' s buckets)', d));
    const by = {};
    for (const r of ov.series.rows) { (by[r[1]] = by[r[1]] || []).push([r[0] * 1000, r[idx]]); }
    chart(d, { tooltip: { trigger: 'axis' }, legend: { right: 0 }, grid: { left: 60, right: 20, top: 30, bottom: 30 }, xAxis: { type: 'time' }, yAxis: { type: 'value' },
      series: Object.keys(by).sort().map(a => ({ name: a, type: 'bar', stack: 'all', barMinWidth: 2, data: by[a], color: a === 'REJECT' ? '#d9534f' : '#4aa3ff' })) });
  }
  const titles = { talkers: 'Top talkers', ports: 'Top destination ports', pairs: 'Top pairs', 'rejected-sources': 'Top rejected sources',
    'rejected-destinations': 'Top rejected destinations', directions: 'Traffic by direction and path', coverage: 'Capture coverage per ENI' };
  for (const [k, t] of Object.entries(titles)) {
    const r = ov[k];
    grid.append(card(t, table('report-' + k, r.columns, r.rows)));
  }
  main.append(el('h2', {}, 'Security reports'));
  const sec = el('div', { class: 'grid' });
  main.append(sec);
  for (const s of data.security) {
    sec.append(card(s.report, el('p', { class: 'muted' }, s.description), s.note ? el('p', { class: 'muted' }, s.note) : table('report-' + s.report, s.columns, s.rows)));
  }
  main.append(el('h2', {}, 'Conversations that were not established'),
    el('p', { class: 'muted' }, data.services_not_established + ' client/server/port combinations' +
      (data.services_not_established > data.diagnoses.length ? '; the busiest ' + data.diagnoses.length + ' are diagnosed below' : '')));
  for (const x of data.diagnoses) {
    const d = x.diagnosis, c = x.conversation;
    main.append(card(c.proto + ' ' + c.client + ' → ' + c.server,
      el('div', { class: 'verdict bad', 'data-verdict': d.verdict }, d.verdict), el('p', {}, d.summary),
      el('h3', {}, 'Likely causes'), el('ol', {}, d.causes.map(t => el('li', {}, t))),
      d.rules ? el('ul', {}, d.rules.findings.map(f => el('li', {}, (f.allowed ? 'allow ' : 'DENY ') + f.rule))) : null,
      el('h3', {}, 'Coverage'), el('ul', {}, d.coverage.notes.map(n => el('li', {}, n))),
      el('h3', {}, 'Evidence'), table('evidence', ['file', 'line', 'srcaddr', 'dstaddr', 'srcport', 'dstport', 'action', 'tcp_flags', 'start', 'packets', 'bytes'],
        d.evidence.map(e => [e.file, e.line, e.srcaddr, e.dstaddr, e.srcport, e.dstport, e.action, e.tcp_flags, e.start, e.packets, e.bytes]))));
  }
  document.body.setAttribute('data-ready', 'report');
})();

// ActorChain live dashboard: vanilla JS, hand-written SVG, no dependencies (every asset is served by the node).
//
// Data flow: one EventSource on /api/events (live events; the browser reconnects by itself, and we reopen it when it
// gives up) marks the endpoints an event concerns as "wanted"; a poller fetches each wanted endpoint at most once a
// second (and each one slowly on its own, in case an event was missed), and a view is re-rendered only when the
// answer's text changed. Endpoints a node does not serve (404 "no such endpoint") show "not available from this node"
// and the page falls back on what the event stream tells.
'use strict';

(() => {
  // ---------------------------------------------------------------- helpers
  const $ = (sel) => document.querySelector(sel);
  const esc = (v) => String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  const short = (h) => (typeof h === 'string' && h.length > 12 ? h.slice(0, 8) + '…' : h ?? '–');
  const coins = (gwei) => {
    if (gwei == null) return '–';
    const c = Number(gwei) / 1e9;
    return c >= 100 ? c.toFixed(0) : c >= 1 ? c.toFixed(2).replace(/\.?0+$/, '') : c.toFixed(4).replace(/\.?0+$/, '');
  };
  const pct = (x) => (x == null || !isFinite(x) ? '–' : (100 * x).toFixed(1) + '%');
  const needOf = (total) => (total == null ? null : Math.ceil((2 * Number(total)) / 3));
  const cp = (c) => (c == null ? '–' : typeof c === 'object' ? `${c.epoch} (${short(c.root)})` : String(c));
  const setText = (sel, text) => { const e = $(sel); if (e && e.textContent !== String(text)) e.textContent = String(text); };
  const clock = (t) => (t > 1e12 ? new Date(t).toLocaleTimeString([], { hour12: false }) : '+' + (t / 1000).toFixed(1) + 's');

  // ---------------------------------------------------------------- state
  const params = new URLSearchParams(location.search);
  const S = {
    node: /^\d+$/.test(params.get('node') ?? '') ? Number(params.get('node')) : null, // the node whose view this is (null: the server's default)
    nodePinned: /^\d+$/.test(params.get('node') ?? ''),
    status: null, statusRows: [], tree: null, epochs: null, miners: null, validators: null, faults: null,
    raw: [], // the last events (for rebuilding the derived state when the viewed node changes)
    online: false, pollFailed: false,
    derived: null,
  };
  const RAW_MAX = 4000;
  const EPOCHS_KEPT = 64; // the lag and checkpoint statuses derived from events: the newest epoch and the 64 before it

  /** State derived from events alone: the fallback when an endpoint is missing, and what only events tell. */
  function freshDerived() {
    return {
      blocks: new Map(), // root/hash -> {id, parent, x, proposer, pow}
      heads: new Map(), // node -> {node, root, x}
      checkpoints: new Map(), // "epoch:root" -> {epoch, root, status, stake, total, needed, reason, detail}
      lag: new Map(), // epoch -> max(head epoch - finalized epoch) seen on head_changed
      slashed: new Set(), // indices of validators a validator_slashed event named
      conflicts: [], mergeEvent: null, mergeScheduled: null, log: [], attestations: 0, maxX: 0,
      newestEpoch: 0, // the newest epoch lag or checkpoints heard of: both keep only the EPOCHS_KEPT before it
    };
  }
  S.derived = freshDerived();

  // ---------------------------------------------------------------- requests and the poller
  function url(path, query) {
    const q = new URLSearchParams(query || {});
    if (S.node != null) q.set('node', String(S.node));
    const s = q.toString();
    return s ? `${path}?${s}` : path;
  }

  /** Each polled endpoint: how often it refreshes by itself, and the view it feeds. */
  const endpoints = {
    // this node's head (cheap: its own actors), and every member (in a cluster one HTTP request per member: slowly)
    status: { path: '/api/status', every: 5000, apply: (j) => { S.status = j; renderHeader(); renderMerge(); } },
    members: { path: '/api/status', query: { cluster: 'true' }, every: 10000, apply: (j) => { S.statusRows = Array.isArray(j) ? j : [j]; renderNodePicker(); } },
    tree: { path: '/api/tree', query: { epochs: '4' }, every: 8000, apply: (j) => { S.tree = j; view('tree'); view('tallies'); renderMerge(); } },
    epochs: { path: '/api/epochs', query: { last: '64' }, every: 8000, apply: (j) => { S.epochs = j; view('tallies'); view('charts'); } },
    miners: { path: '/api/miners', every: 8000, apply: (j) => { S.miners = j; renderMerge(); view('charts'); } },
    validators: { path: '/api/validators', every: 5000, apply: (j) => { S.validators = j; renderValidators(); view('tree'); } },
    faults: { path: '/api/faults', query: { cluster: 'true' }, every: 5000, apply: (j) => { S.faults = j; renderFaults(); } },
  };
  const MIN_GAP = 1000; // at most one request a second per endpoint
  const MISSING_RETRY = 30000;
  for (const ep of Object.values(endpoints)) Object.assign(ep, { wanted: true, inflight: false, last: 0, text: null, missing: false });

  function want(...names) { for (const n of names) endpoints[n].wanted = true; }

  async function poll(name, ep) {
    ep.inflight = true; ep.wanted = false; ep.last = Date.now(); ep.requests = (ep.requests ?? 0) + 1;
    try {
      const res = await fetch(url(ep.path, ep.query), { cache: 'no-store' });
      const text = await res.text();
      S.pollFailed = false;
      if (res.status === 404 && /no such endpoint/.test(text)) {
        if (!ep.missing) { ep.missing = true; ep.text = null; missingChanged(name); }
        return;
      }
      if (!res.ok) { showNote(name, `${ep.path}: HTTP ${res.status} ${errorOf(text)}`); return; }
      if (ep.missing) { ep.missing = false; missingChanged(name); }
      showNote(name, '');
      if (text === ep.text) return; // nothing changed: no work
      ep.text = text;
      ep.renders = (ep.renders ?? 0) + 1;
      ep.apply(JSON.parse(text));
    } catch (e) {
      S.pollFailed = true; // the node is gone (or restarting): the banner says so, the next poll retries
    } finally {
      ep.inflight = false;
      renderConnection();
    }
  }

  function tick() {
    const now = Date.now();
    for (const [name, ep] of Object.entries(endpoints)) {
      if (ep.inflight || now - ep.last < MIN_GAP) continue;
      const every = ep.missing ? MISSING_RETRY : ep.every;
      if ((ep.wanted && !ep.missing) || now - ep.last >= every) poll(name, ep);
    }
  }
  setInterval(tick, 250);

  function errorOf(text) { try { return JSON.parse(text).error || ''; } catch { return text.slice(0, 120); } }

  const notes = {};
  /** One line per endpoint that answered an error (not a missing endpoint: each view says that itself). */
  function showNote(name, text) {
    if ((notes[name] ?? '') === text) return;
    notes[name] = text;
    const line = Object.values(notes).filter(Boolean).join(' · ');
    const e = $('#notes');
    e.textContent = line;
    e.hidden = !line;
  }

  function missingChanged(name) {
    if (name === 'tree') { view('tree'); view('tallies'); }
    if (name === 'epochs') { view('charts'); view('tallies'); }
    if (name === 'miners') { renderMerge(); view('charts'); }
  }

  // ---------------------------------------------------------------- the event stream
  const EVENT_TYPES = [
    'peer_linked', 'peer_unlinked', 'pow_block_mined', 'block_imported', 'block_rejected', 'head_changed', 'reorg',
    'block_proposed', 'attestation', 'duty_skipped', 'fault_skipped', 'justified', 'finalized', 'abandoned',
    'evidence_found', 'evidence_rejected', 'validator_slashed', 'correlation_penalty', 'validator_exited', 'merge',
    'merge_scheduled', 'pow_orphaned_at_merge', 'fault_injected', 'fault_cleared', 'fault_rejected', 'partition', 'heal',
    'node_crashed', 'node_restarted', 'chain_reloaded', 'beacon_chain_reloaded', 'block_withheld', 'blocks_released',
    'withholding_started', 'withholding_ended', 'sync_request', 'malformed_message', 'node_failed', 'tx_accepted',
    'conflicting_finality', 'epoch', 'message', 'event',
  ];
  const WANTS = {
    block_imported: ['tree', 'status'], pow_block_mined: ['tree', 'miners'], head_changed: ['tree', 'status'],
    reorg: ['tree', 'status'], justified: ['tree', 'epochs', 'validators'], finalized: ['tree', 'epochs', 'validators'],
    abandoned: ['tree', 'epochs'], validator_slashed: ['validators', 'tree'], evidence_found: ['validators'],
    correlation_penalty: ['validators'], validator_exited: ['validators'], merge: ['miners', 'status', 'tree', 'validators'],
    merge_scheduled: ['miners'], fault_injected: ['faults', 'validators'], fault_cleared: ['faults', 'validators'],
    fault_rejected: ['faults'], node_crashed: ['faults', 'members'], node_restarted: ['faults', 'members'],
    partition: ['faults', 'members'], heal: ['faults', 'members'], peer_linked: ['members'], peer_unlinked: ['members'],
  };
  let source = null;
  let retryTimer = null;
  let retryDelay = 1000;

  function connect() {
    clearTimeout(retryTimer);
    if (source) source.close();
    source = new EventSource('/api/events');
    source.onopen = () => {
      S.online = true; retryDelay = 1000;
      S.raw = []; S.derived = freshDerived(); // the server replays its recent events: rebuild from them
      for (const n of Object.keys(endpoints)) want(n);
      renderConnection(); view('all');
    };
    source.onerror = () => {
      S.online = false; renderConnection();
      if (source.readyState === EventSource.CLOSED) { // the browser gave up (e.g. an error page while restarting): retry
        retryTimer = setTimeout(connect, retryDelay);
        retryDelay = Math.min(retryDelay * 2, 8000);
      }
    };
    for (const type of EVENT_TYPES) source.addEventListener(type, (e) => onEvent(e.data));
  }

  function onEvent(data) {
    let ev;
    try { ev = JSON.parse(data); } catch { return; }
    if (!ev || typeof ev !== 'object') return;
    S.raw.push(ev);
    if (S.raw.length > RAW_MAX) S.raw.splice(0, S.raw.length - RAW_MAX);
    if (derive(ev)) {
      for (const n of WANTS[ev.type] || []) want(n);
      if (ev.type === 'block_imported' && ev.height != null) want('miners'); // a PoW block
    }
  }

  /** Folds one event into the derived state; false when it is another node's event (not this view's). */
  function derive(ev) {
    const d = S.derived;
    if (ev.type === 'conflicting_finality') { d.conflicts.push(ev); view('conflict'); log(ev); return true; }
    if (ev.type === 'head_changed') { // every node's head (the tree marks them all)
      const x = ev.slot ?? ev.height;
      d.heads.set(ev.node, { node: ev.node, root: ev.root ?? ev.hash, x });
    }
    if (S.node != null && ev.node != null && ev.node !== S.node) return false;
    switch (ev.type) {
      case 'attestation': d.attestations++; return true;
      case 'block_imported': case 'pow_block_mined': {
        const id = ev.root ?? ev.hash;
        const x = ev.slot ?? ev.height;
        if (id != null && x != null && !d.blocks.has(id)) {
          d.blocks.set(id, { id, parent: ev.parent ?? null, x, proposer: ev.proposer ?? ev.miner, pow: ev.slot == null });
          if (x > d.maxX) d.maxX = x;
          if (d.blocks.size > 2000) prune(d);
        }
        view('tree');
        break;
      }
      case 'head_changed':
        if (ev.slot != null && ev.finalized != null) {
          const epoch = Math.floor(ev.slot / slotsPerEpoch());
          const fin = typeof ev.finalized === 'object' ? ev.finalized.epoch : ev.finalized;
          d.lag.set(epoch, Math.max(d.lag.get(epoch) ?? 0, epoch - fin));
          trimEpochs(d, epoch);
          view('charts');
        }
        view('tree');
        break;
      case 'justified': case 'finalized': case 'abandoned': {
        const key = `${ev.epoch}:${ev.root ?? ''}`; // one epoch may have several checkpoints (one per fork)
        const old = d.checkpoints.get(key) || {};
        const total = ev.totalActiveBalance ?? ev.totalStake ?? old.total;
        d.checkpoints.set(key, {
          ...old, epoch: ev.epoch, root: ev.root ?? old.root,
          status: ev.type === 'finalized' || old.status !== 'finalized' ? ev.type : old.status,
          stake: ev.targetStake ?? ev.stake ?? old.stake, total, needed: ev.needed ?? old.needed ?? needOf(total),
          reason: ev.reason ?? old.reason, detail: ev.detail ?? old.detail, votes: ev.votes ?? old.votes,
        });
        trimEpochs(d, Number(ev.epoch));
        view('tallies'); view('tree'); view('charts');
        break;
      }
      case 'validator_slashed': if (ev.index != null) d.slashed.add(ev.index); view('tree'); break;
      case 'merge': d.mergeEvent = ev; renderMerge(); break;
      case 'merge_scheduled': d.mergeScheduled = ev; renderMerge(); break;
      default: break;
    }
    log(ev);
    return true;
  }

  /** Drops the lag and checkpoints of epochs older than the newest heard of − EPOCHS_KEPT (they would grow forever). */
  function trimEpochs(d, epoch) {
    if (Number.isFinite(epoch) && epoch > d.newestEpoch) d.newestEpoch = epoch;
    const keep = d.newestEpoch - EPOCHS_KEPT;
    for (const e of d.lag.keys()) if (e < keep) d.lag.delete(e);
    for (const [key, c] of d.checkpoints) if (!(Number(c.epoch) >= keep)) d.checkpoints.delete(key);
  }

  function prune(d) {
    const keep = d.maxX - 64 * slotsPerEpoch();
    for (const [id, b] of d.blocks) if (b.x < keep) d.blocks.delete(id);
  }

  function log(ev) {
    const d = S.derived;
    d.log.push(ev);
    if (d.log.length > 200) d.log.splice(0, d.log.length - 100);
    view('events');
  }

  function rebuild() { // the viewed node changed: derive again from the events kept
    S.derived = freshDerived();
    for (const ev of S.raw) derive(ev);
    view('all');
  }

  function renderConnection() {
    const down = !S.online || S.pollFailed;
    $('#banner').hidden = !down || (!S.everOnline && !S.pollFailed);
    if (S.online && !S.pollFailed) S.everOnline = true;
    const c = $('#conn');
    const state = S.online && !S.pollFailed ? 'live' : 'reconnecting';
    if (c.dataset.state !== state) { c.dataset.state = state; c.textContent = state === 'live' ? '● live' : 'reconnecting…'; }
  }

  // ---------------------------------------------------------------- batched rendering
  const dirty = new Set();
  let renderTimer = null;
  function view(name) {
    if (name === 'all') ['tree', 'tallies', 'charts', 'events', 'conflict'].forEach((n) => dirty.add(n));
    else dirty.add(name);
    if (!renderTimer) renderTimer = setTimeout(flush, 150);
  }
  function flush() {
    renderTimer = null;
    const names = [...dirty];
    dirty.clear();
    for (const n of names) ({ tree: renderTree, tallies: renderTallies, charts: renderCharts, events: renderEvents, conflict: renderConflict })[n]?.();
  }

  function slotsPerEpoch() { return S.tree?.slotsPerEpoch ?? 8; }

  // ---------------------------------------------------------------- header, node picker
  /** This view's node status (from /api/status). */
  const mine = () => S.status;

  function renderHeader() {
    const r = mine();
    if (!r) return;
    const pos = r.slot != null;
    setText('#s-node', r.node);
    setText('#s-era', pos ? 'proof of stake' : 'proof of work');
    $('#s-era').dataset.era = pos ? 'pos' : 'pow';
    setText('#s-pos-label', pos ? 'slot' : 'height');
    setText('#s-slot', pos ? `${r.slot} (epoch ${Math.floor(r.slot / slotsPerEpoch())})` : r.headHeight ?? '–');
    setText('#s-justified', cp(r.justified));
    setText('#s-finalized', cp(r.finalized));
    setText('#s-peers', r.peers ? (r.peers.length ? r.peers.join(', ') : 'none') : '–');
  }

  function renderNodePicker() {
    const rows = S.statusRows;
    const port = Number(location.port || 80);
    // this process's nodes: on this page's port, or all of them when every row names one port (run, behind a proxy too)
    const onePort = rows.length > 1 && rows.every((r) => r.httpPort === rows[0].httpPort);
    const isLocal = (r) => onePort || r.httpPort == null || r.httpPort === port;
    const local = rows.filter(isLocal);
    if (local.length > 1 && S.node == null) { S.node = local[0].node; rebuild(); } // run: several nodes in this process
    const picker = $('#node-picker');
    picker.hidden = rows.length < 2;
    if (picker.hidden) return;
    const sel = $('#node-select');
    const html = rows.map((r) => {
      const here = isLocal(r);
      const value = here ? `n:${r.node}` : `u:http://${location.hostname}:${r.httpPort}/`;
      const label = `node ${r.node}${here ? '' : ' ↗ (its own page)'}${r.member && r.member !== 'Up' ? ' · ' + r.member : ''}`;
      return `<option value="${esc(value)}"${here && r.node === (S.node ?? mine()?.node) ? ' selected' : ''}>${esc(label)}</option>`;
    }).join('');
    if (sel.dataset.html !== html) { sel.innerHTML = html; sel.dataset.html = html; }
  }

  $('#node-select').addEventListener('change', (e) => {
    const v = e.target.value;
    if (v.startsWith('u:')) { location.href = v.slice(2); return; }
    S.node = Number(v.slice(2)); S.nodePinned = true;
    const p = new URLSearchParams(location.search); p.set('node', String(S.node));
    history.replaceState(null, '', '?' + p.toString());
    for (const ep of Object.values(endpoints)) { ep.text = null; ep.wanted = true; ep.last = 0; }
    rebuild();
  });

  // ---------------------------------------------------------------- phase and merge
  function renderMerge() {
    const m = S.miners;
    const d = S.derived;
    const status = mine();
    const era = m?.era ?? (status ? (status.slot != null ? 'pos' : 'pow') : d.mergeEvent ? 'pos' : null);
    const box = $('#merge');
    box.dataset.era = era ?? '';
    let html;
    if (era === 'pow') {
      const mg = m?.merge;
      const height = m?.height ?? status?.headHeight;
      html = `<div class="phase pow">Proof of work · height <b>${esc(height)}</b></div>`;
      const at = mg?.atHeight ?? d.mergeScheduled?.atHeight;
      if (at != null) {
        const togo = mg?.blocksToGo ?? Math.max(0, at - (height ?? 0));
        const eta = mg?.blockTimeMillis ? ` ≈ ${Math.round((togo * mg.blockTimeMillis) / 1000)} s` : '';
        const frac = Math.min(1, (height ?? 0) / at);
        html += `<div class="countdown" data-testid="merge-countdown">The merge at height <b>${esc(at)}</b>: <b>${esc(togo)}</b> block${togo === 1 ? '' : 's'} to go${eta}</div>
          <div class="progress"><div style="width:${(100 * frac).toFixed(1)}%"></div></div>`;
      } else html += '<div class="muted">no merge scheduled (POST /api/merge or run --merge-at)</div>';
    } else if (era === 'pos') {
      const ev = d.mergeEvent;
      const th = m?.merge?.terminalHeight ?? ev?.terminalHeight;
      const hash = m?.merge?.terminalHash ?? ev?.terminalHash;
      html = `<div class="phase pos">Proof of stake${status?.slot != null ? ` · slot <b>${esc(status.slot)}</b>` : ''}</div>`;
      if (th === 0) html += '<div class="muted">proof of stake from genesis (no proof-of-work phase)</div>';
      else if (th != null) html += `<div class="merged" data-testid="merged">Merged at PoW height <b>${esc(th)}</b> (terminal block ${esc(short(hash))})${ev ? ` at ${esc(clock(ev.t))}` : ''}</div>`;
    } else html = '<span class="muted">waiting for the node…</span>';
    const body = $('#merge-body');
    if (body.dataset.html !== html) { body.innerHTML = html; body.dataset.html = html; }
  }

  // ---------------------------------------------------------------- the block tree (SVG)
  /** Indices of the slashed validators: from the validators endpoint and from validator_slashed events. */
  function slashedIndices() {
    const set = new Set(S.derived.slashed);
    for (const r of S.validators?.validators || []) if (r.slashed || r.status === 'slashed') set.add(r.index);
    return set;
  }

  function treeModel() {
    const t = S.tree;
    const d = S.derived;
    const slashed = slashedIndices();
    if (t && !endpoints.tree.missing) {
      const pow = t.era === 'pow';
      const blocks = (t.blocks || []).map((b) => ({
        id: pow ? b.hash : b.root, parent: b.parent, x: pow ? b.height : b.slot, canonical: !!b.canonical,
        who: pow ? b.miner : b.proposerName ?? b.proposer, slashed: !pow && (!!b.proposerSlashed || slashed.has(b.proposer)),
      }));
      const heads = (t.heads || []).map((h) => ({ node: h.node, root: h.root ?? h.hash }));
      return { pow, spe: t.slotsPerEpoch ?? 8, blocks, heads, checkpoints: t.checkpoints || [], partial: false };
    }
    // fallback: the blocks the event stream announced, one lane, no parent links
    const spe = slotsPerEpoch();
    const from = d.maxX - 4 * spe;
    const blocks = [...d.blocks.values()].filter((b) => b.x > from).map((b) => ({ id: b.id, parent: b.parent, x: b.x, canonical: true, who: b.proposer, slashed: !b.pow && slashed.has(b.proposer) }));
    const pow = blocks.length > 0 && [...d.blocks.values()][0].pow;
    const heads = [...d.heads.values()].map((h) => ({ node: h.node, root: h.root, slot: h.x }));
    const checkpoints = [...d.checkpoints.values()].map((c) => ({ epoch: c.epoch, root: c.root, status: c.status }));
    return { pow, spe, blocks, heads, checkpoints, partial: true };
  }

  function layout(blocks) {
    blocks.sort((a, b) => a.x - b.x || (a.canonical === b.canonical ? (a.id < b.id ? -1 : 1) : a.canonical ? -1 : 1));
    const byId = new Map(blocks.map((b) => [b.id, b]));
    const laneEnd = [Infinity]; // lane 0 is the canonical chain
    const continued = new Set();
    const atX = new Map();
    for (const b of blocks) {
      if (b.canonical) { b.lane = 0; continue; }
      const p = byId.get(b.parent);
      if (p && p.lane > 0 && !continued.has(p.id) && laneEnd[p.lane] === p.x) { b.lane = p.lane; continued.add(p.id); }
      else {
        const start = p ? p.x : b.x - 1;
        let lane = 1;
        while (lane < laneEnd.length && laneEnd[lane] >= start) lane++;
        b.lane = lane;
      }
      laneEnd[b.lane] = b.x;
    }
    // blocks at one position in one lane (only without parent links): spread them over extra lanes
    for (const b of blocks) {
      const k = `${b.lane}:${b.x}`;
      const n = atX.get(k) ?? 0;
      atX.set(k, n + 1);
      if (n > 0) b.lane += n;
    }
    return byId;
  }

  /** A short label under a block: v12, m3 (miner-3), or the first hex digits of an address. */
  const whoLabel = (who) => String(who).replace(/^miner-/, 'm').replace(/^0x(.{4}).*/, '0x$1');

  function renderTree() {
    const t0 = performance.now();
    const svg = $('#tree');
    const m = treeModel();
    const hint = endpoints.tree.missing ? '/api/tree is not available from this node: blocks from the event stream, without fork lanes' : '';
    setText('#tree-hint', hint);
    if (!m.blocks.length) { svg.setAttribute('width', 300); svg.setAttribute('height', 60); svg.innerHTML = '<text x="10" y="30" class="muted">no blocks yet</text>'; return; }
    const byId = layout(m.blocks);
    const xs = m.blocks.map((b) => b.x);
    const xmin = Math.min(...xs);
    const xmax = Math.max(...xs);
    const lanes = Math.max(...m.blocks.map((b) => b.lane)) + 1;
    const avail = Math.max(600, ($('#tree-scroll').clientWidth || 900) - 90);
    const u = Math.max(16, Math.min(40, avail / Math.max(1, xmax - xmin + 1)));
    const padL = 40;
    const top = 62;
    const laneH = 54;
    const X = (x) => padL + (x - xmin) * u + u / 2;
    const Y = (lane) => top + lane * laneH;
    const width = Math.ceil(X(xmax) + u / 2 + 40);
    const height = top + lanes * laneH + 10;
    const parts = [];
    const bs = Math.min(20, u * 0.62); // block size

    // epoch boundaries (PoS) and the axis
    if (!m.pow) {
      for (let e = Math.ceil(xmin / m.spe); e * m.spe <= xmax; e++) {
        const x = X(e * m.spe) - u / 2;
        parts.push(`<line class="epoch-line" x1="${x}" y1="14" x2="${x}" y2="${height}"/><text class="epoch-label" x="${x + 4}" y="12">epoch ${e}</text>`);
      }
    }
    const step = u >= 24 ? 1 : u >= 12 ? 2 : 4;
    for (let x = xmin; x <= xmax; x++) if ((x - xmin) % step === 0) parts.push(`<text class="axis" x="${X(x)}" y="${height - 2}" text-anchor="middle">${x}</text>`);
    parts.push(`<text class="axis" x="2" y="${height - 2}">${m.pow ? 'height' : 'slot'}</text>`);

    // edges
    for (const b of m.blocks) {
      const p = byId.get(b.parent);
      const x2 = X(b.x); const y2 = Y(b.lane);
      if (p) {
        const x1 = X(p.x); const y1 = Y(p.lane);
        const mid = x1 + Math.min(u * 0.9, (x2 - x1) / 2);
        const d = y1 === y2 ? `M${x1} ${y1}H${x2}` : `M${x1} ${y1}C${mid} ${y1} ${mid} ${y2} ${Math.min(x2, mid + u * 0.4)} ${y2}H${x2}`;
        parts.push(`<path class="edge${b.canonical ? '' : ' orphan'}" d="${d}"/>`);
      } else if (m.partial) {
        // no parent links: nothing
      } else {
        parts.push(`<path class="edge stub" d="M${x2 - u * 0.8} ${y2}H${x2}"/>`);
      }
    }
    if (m.partial) { // chain the blocks of lane 0 in order
      const chain = m.blocks.filter((b) => b.lane === 0);
      for (let i = 1; i < chain.length; i++) parts.push(`<path class="edge" d="M${X(chain[i - 1].x)} ${Y(0)}H${X(chain[i].x)}"/>`);
    }

    // blocks
    for (const b of m.blocks) {
      const x = X(b.x); const y = Y(b.lane);
      const cls = `block ${b.canonical ? 'canon' : 'orphan'}${b.slashed ? ' slashed' : ''}`;
      const title = `${m.pow ? 'height' : 'slot'} ${b.x} · ${m.pow ? 'miner' : 'proposer'} ${b.who ?? '?'}${b.slashed ? ' (slashed)' : ''} · ${b.canonical ? 'canonical' : 'not canonical'}\n${b.id}`;
      parts.push(`<g class="${cls}" data-root="${esc(b.id)}" data-x="${esc(b.x)}" data-canonical="${b.canonical}"${b.slashed ? ' data-slashed="true"' : ''}><title>${esc(title)}</title>` +
        `<rect x="${x - bs / 2}" y="${y - bs / 2}" width="${bs}" height="${bs}" rx="4"/>` +
        (b.slashed ? `<path class="cross" d="M${x - bs / 3} ${y - bs / 3}L${x + bs / 3} ${y + bs / 3}M${x + bs / 3} ${y - bs / 3}L${x - bs / 3} ${y + bs / 3}"/>` : '') +
        (u >= 24 && b.who != null ? `<text class="who" x="${x}" y="${y + bs / 2 + 11}" text-anchor="middle">${esc(whoLabel(b.who))}</text>` : '') + '</g>');
    }

    // checkpoints: a ring on the checkpoint's block, and a badge under the epoch label
    for (const c of m.checkpoints) {
      const b = byId.get(c.root);
      const status = c.status ?? 'pending';
      const letter = { finalized: 'F', justified: 'J', abandoned: '✕', pending: '…' }[status] ?? '?';
      const bx = X(c.epoch * m.spe) - u / 2;
      const inView = !m.pow && c.epoch * m.spe >= xmin && c.epoch * m.spe <= xmax + 1;
      const tip = `checkpoint of epoch ${c.epoch}: ${status}${c.reason ? ' (' + c.reason + ')' : ''}\n${c.root ?? ''}`;
      let g = `<g class="checkpoint ${esc(status)}" data-testid="checkpoint" data-epoch="${esc(c.epoch)}" data-root="${esc(c.root)}" data-checkpoint-status="${esc(status)}"><title>${esc(tip)}</title>`;
      if (b) g += `<circle class="ring" cx="${X(b.x)}" cy="${Y(b.lane)}" r="${bs * 0.78}"/>`;
      if (inView) g += `<rect class="badge" x="${bx + 3}" y="18" width="16" height="14" rx="3"/><text class="badge-text" x="${bx + 11}" y="29" text-anchor="middle">${letter}</text>`;
      if (b || inView) parts.push(g + '</g>');
    }

    // heads of the nodes
    const heads = new Map();
    for (const h of m.heads) {
      const b = byId.get(h.root);
      if (!b) continue;
      const list = heads.get(b.id) ?? [];
      list.push(h.node);
      heads.set(b.id, list);
    }
    for (const [id, nodes] of heads) {
      const b = byId.get(id);
      const x = X(b.x); const y = Y(b.lane) - bs / 2 - 3;
      const label = nodes.sort((a, c) => a - c).map((n) => 'n' + n).join(' ');
      parts.push(`<g class="head" data-testid="head" data-head-nodes="${esc(nodes.join(','))}"><title>head of node ${esc(nodes.join(', '))}</title>` +
        `<path d="M${x - 5} ${y - 8}L${x + 5} ${y - 8}L${x} ${y}Z"/><text x="${x}" y="${y - 11}" text-anchor="middle">${esc(label)}</text></g>`);
    }

    svg.setAttribute('width', width);
    svg.setAttribute('height', height);
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    svg.innerHTML = parts.join('');
    svg.dataset.renderMs = (performance.now() - t0).toFixed(2);
    svg.dataset.blocks = String(m.blocks.length);
    const scroller = $('#tree-scroll');
    if (scroller.dataset.autoscroll !== 'off') scroller.scrollLeft = scroller.scrollWidth;
  }
  $('#tree-scroll').addEventListener('scroll', (e) => {
    const s = e.target;
    s.dataset.autoscroll = s.scrollLeft + s.clientWidth >= s.scrollWidth - 30 ? 'on' : 'off';
  });

  // ---------------------------------------------------------------- checkpoint vote tallies
  const ORDER = { finalized: 0, justified: 1, pending: 2, abandoned: 3 };

  /** One row per checkpoint (epoch and root): the events' tally, the tree's status, the epochs' explained tally. */
  function tallies() {
    const byEpoch = new Map();
    const put = (epoch, o) => {
      if (epoch == null) return;
      const key = `${epoch}:${o.root ?? ''}`;
      byEpoch.set(key, { ...(byEpoch.get(key) || { epoch }), ...strip(o) });
    };
    for (const c of S.derived.checkpoints.values()) put(c.epoch, { root: c.root, status: c.status, target: c.stake, total: c.total, needed: c.needed, reason: c.reason, detail: c.detail });
    if (S.tree && !endpoints.tree.missing) for (const c of S.tree.checkpoints || []) put(c.epoch, { root: c.root, status: c.status, target: c.targetStake, total: c.totalStake, needed: c.needed, reason: c.reason, detail: c.detail });
    if (S.epochs && !endpoints.epochs.missing) {
      for (const line of S.epochs.epochs || []) {
        const t = line.tally;
        if (t) put(t.epoch, { root: t.root, target: t.targetStake, total: t.totalActiveStake, needed: t.needed, missing: t.missing, justifiedByTally: t.justified });
      }
    }
    return [...byEpoch.values()].sort((a, b) => b.epoch - a.epoch || (ORDER[a.status] ?? 2) - (ORDER[b.status] ?? 2)).slice(0, 8);
  }
  const strip = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null));

  function renderTallies() {
    const rows = tallies();
    const box = $('#tallies');
    if (!rows.length) { box.innerHTML = '<p class="muted">no checkpoint weighed yet</p>'; return; }
    const html = rows.map((r) => {
      const status = r.status ?? (r.justifiedByTally ? 'justified' : 'pending');
      const total = Number(r.total ?? 0);
      const target = r.target != null ? Number(r.target) : null;
      const needed = r.needed != null ? Number(r.needed) : needOf(total);
      const fw = total > 0 && target != null ? Math.min(100, (100 * target) / total) : 0;
      const nw = total > 0 && needed != null ? Math.min(100, (100 * needed) / total) : 66.7;
      const ok = target != null && needed != null && target >= needed;
      const missing = (r.missing || []).map((v) => `<span class="chip reason-${esc(v.reason)}" data-name="${esc(v.name ?? v.index)}" data-reason="${esc(v.reason)}" title="${esc(coins(v.stake))} staked">${esc(v.name ?? '#' + v.index)} · ${esc(v.reason)}</span>`).join('');
      return `<div class="tally" data-epoch="${esc(r.epoch)}" data-root="${esc(r.root)}" data-status="${esc(status)}">
        <div class="tally-head"><b>epoch ${esc(r.epoch)}</b> <span class="badge-s ${esc(status)}">${esc(status)}</span> <span class="muted mono">${esc(short(r.root))}</span></div>
        <div class="bar${ok ? ' ok' : ''}" title="target ${coins(target)} of ${coins(total)}; 2/3 is ${coins(needed)}">
          <div class="fill" style="width:${fw.toFixed(1)}%"></div><div class="need" style="left:${nw.toFixed(1)}%"></div></div>
        ${r.epoch === 0 && !total ? '<div class="tally-nums">the genesis checkpoint: justified and finalized by definition, no vote needed</div>' : `<div class="tally-nums">target <b>${coins(target)}</b> · needed <b>${coins(needed)}</b> · total <b>${coins(total)}</b> (${target != null && total ? pct(target / total) : '–'})</div>`}
        ${status === 'abandoned' && (r.reason || r.detail) ? `<div class="reason">abandoned: <b>${esc(r.reason ?? '')}</b>${r.detail ? ' – ' + esc(r.detail) : ''}</div>` : ''}
        ${missing ? `<div class="missing">not counted: ${missing}</div>` : ''}
      </div>`;
    }).join('');
    if (box.dataset.html !== html) { box.innerHTML = html; box.dataset.html = html; }
  }

  // ---------------------------------------------------------------- charts (SVG)
  /** A small line chart of points [{x, y}] with an optional reference line; y from 0 to yMax. */
  function lineChart(svg, points, { yMax, ref, refLabel, fmt, xLabel, empty }) {
    const W = 440; const H = 130; const L = 38; const R = 10; const T = 10; const B = 22;
    svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
    if (!points.length) { svg.innerHTML = `<text x="${L}" y="${H / 2}" class="muted">${esc(empty)}</text>`; return; }
    const xmin = points[0].x; const xmax = Math.max(points[points.length - 1].x, xmin + 1);
    const top = Math.max(yMax ?? 0, ...points.map((p) => p.y), ref ?? 0) || 1;
    const X = (x) => L + ((x - xmin) / (xmax - xmin)) * (W - L - R);
    const Y = (y) => H - B - (y / top) * (H - T - B);
    const parts = [];
    for (const f of [0, 0.5, 1]) parts.push(`<line class="grid" x1="${L}" x2="${W - R}" y1="${Y(top * f)}" y2="${Y(top * f)}"/><text class="axis" x="${L - 4}" y="${Y(top * f) + 3}" text-anchor="end">${esc(fmt(top * f))}</text>`);
    if (ref != null) parts.push(`<line class="ref" x1="${L}" x2="${W - R}" y1="${Y(ref)}" y2="${Y(ref)}"/><text class="ref-label" x="${W - R}" y="${Y(ref) - 3}" text-anchor="end">${esc(refLabel)}</text>`);
    parts.push(`<text class="axis" x="${L}" y="${H - 6}">${esc(xLabel)} ${xmin}</text><text class="axis" x="${W - R}" y="${H - 6}" text-anchor="end">${xmax}</text>`);
    parts.push(`<polyline class="line" points="${points.map((p) => `${X(p.x).toFixed(1)},${Y(p.y).toFixed(1)}`).join(' ')}"/>`);
    for (const p of points) parts.push(`<circle class="dot" cx="${X(p.x).toFixed(1)}" cy="${Y(p.y).toFixed(1)}" r="2.5"><title>${esc(xLabel)} ${esc(p.x)}: ${esc(fmt(p.y))}</title></circle>`);
    svg.innerHTML = parts.join('');
  }

  function renderCharts() {
    const lines = S.epochs && !endpoints.epochs.missing ? S.epochs.epochs || [] : null;
    let lag; let part;
    if (lines && lines.length) {
      const byEpoch = new Map();
      for (const l of lines) byEpoch.set(l.epoch, l); // one line per epoch (the newest)
      const sorted = [...byEpoch.values()].sort((a, b) => a.epoch - b.epoch);
      lag = sorted.map((l) => ({ x: l.epoch, y: l.epoch - (l.finalized?.epoch ?? 0) }));
      part = sorted.filter((l) => l.epoch > 0).map((l) => {
        const t = l.tally;
        const y = t && t.totalActiveStake ? t.targetStake / t.totalActiveStake : l.totalActiveBalance ? l.previousTargetBalance / l.totalActiveBalance : 0;
        return { x: t?.epoch ?? l.epoch - 1, y };
      });
    } else {
      lag = [...S.derived.lag.entries()].sort((a, b) => a[0] - b[0]).map(([x, y]) => ({ x, y }));
      const best = new Map(); // per epoch, the best-voted checkpoint
      for (const c of S.derived.checkpoints.values()) if (c.total && c.stake != null && c.epoch > 0) best.set(c.epoch, Math.max(best.get(c.epoch) ?? 0, c.stake / c.total));
      part = [...best.entries()].sort((a, b) => a[0] - b[0]).map(([x, y]) => ({ x, y }));
    }
    lineChart($('#chart-lag'), lag.slice(-64), { yMax: 3, ref: 2, refLabel: 'normal: 2', fmt: (v) => v.toFixed(v % 1 ? 1 : 0), xLabel: 'epoch', empty: 'no epoch yet' });
    lineChart($('#chart-participation'), part.slice(-64), { yMax: 1, ref: 2 / 3, refLabel: '2/3', fmt: (v) => (100 * v).toFixed(0) + '%', xLabel: 'epoch', empty: 'no epoch weighed yet' });
    renderMiners();
  }

  function renderMiners() {
    const m = S.miners;
    const show = m && !endpoints.miners.missing && (m.miners || []).length > 0;
    $('#miners-block').hidden = !show;
    if (!show) return;
    const miners = m.miners;
    const W = 440; const rowH = 30; const L = 90; const H = miners.length * rowH + 26;
    const parts = [];
    miners.forEach((mi, i) => {
      const y = 8 + i * rowH;
      const w1 = (W - L - 50) * (mi.hashrateShare ?? 0);
      const w2 = (W - L - 50) * (mi.canonicalShare ?? 0);
      parts.push(`<g data-miner="${esc(mi.name)}"><text class="axis" x="${L - 6}" y="${y + 14}" text-anchor="end">${esc(mi.name)} (n${esc(mi.node)})</text>` +
        `<rect class="hash" x="${L}" y="${y}" width="${w1.toFixed(1)}" height="10"><title>hashrate share ${pct(mi.hashrateShare)}</title></rect>` +
        `<rect class="canon" x="${L}" y="${y + 12}" width="${w2.toFixed(1)}" height="10"><title>canonical share ${pct(mi.canonicalShare)} (${esc(mi.canonicalBlocks)} of ${esc(mi.blocks)} mined)</title></rect>` +
        `<text class="axis" x="${L + Math.max(w1, w2) + 4}" y="${y + 15}">${pct(mi.hashrateShare)} / ${pct(mi.canonicalShare)}</text></g>`);
    });
    parts.push(`<rect class="hash" x="${L}" y="${H - 12}" width="10" height="8"/><text class="axis" x="${L + 14}" y="${H - 4}">hashrate share</text>` +
      `<rect class="canon" x="${L + 120}" y="${H - 12}" width="10" height="8"/><text class="axis" x="${L + 134}" y="${H - 4}">canonical-chain share</text>`);
    const svg = $('#chart-miners');
    svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
    svg.innerHTML = parts.join('');
  }

  // ---------------------------------------------------------------- validators
  function renderValidators() {
    const v = S.validators;
    const rows = (v?.validators || []).map((r) => {
      const nodes = Array.isArray(r.nodes) ? r.nodes.join(', ') : r.node ?? '–';
      const stake = r.stake ?? (r.stakeGwei != null ? coins(r.stakeGwei) : '–');
      const amount = (v) => `<td class="num" title="${esc(v)}">${esc(v != null && /\.\d{5,}/.test(v) ? Number(v).toFixed(4) : v ?? '–')}</td>`;
      const fault = r.fault ? (typeof r.fault === 'string' ? r.fault : JSON.stringify(r.fault)) : '';
      return `<tr data-name="${esc(r.name ?? '#' + r.index)}" data-index="${esc(r.index)}" data-status="${esc(r.status)}"${r.fault ? ' class="faulty"' : ''}>
        <td class="num">${esc(r.index)}</td><td><b>${esc(r.name ?? '–')}</b></td><td><span class="badge-s ${esc(r.status)}">${esc(r.status)}</span></td>
        <td class="num stake">${esc(stake)}</td>${amount(r.balance)}${amount(r.effectiveBalance)}
        <td>${esc(nodes)}</td><td class="num">${esc(r.lastAttestationSlot ?? '–')}</td><td class="num">${esc(r.attestations ?? '–')}</td>
        <td class="num">${esc(r.proposals ?? '–')}</td><td class="fault">${esc(fault)}</td></tr>`;
    }).join('');
    const body = $('#validators tbody');
    if (body.dataset.html !== rows) { body.innerHTML = rows || '<tr><td colspan="11" class="muted">no validators</td></tr>'; body.dataset.html = rows; }
    $('#validators').classList.toggle('no-stake', !(v?.validators || []).some((r) => r.stake != null || r.stakeGwei != null));
    const counts = {};
    for (const r of v?.validators || []) counts[r.status] = (counts[r.status] ?? 0) + 1;
    setText('#validators-hint', Object.entries(counts).map(([k, n]) => `${n} ${k}`).join(' · ') + (v?.epoch != null ? ` · epoch ${v.epoch}` : ''));
  }

  // ---------------------------------------------------------------- faults: the form and the active list
  const FAULT_FIELDS = {
    'double-vote': ['validator'], 'surround-vote': ['validator'], 'double-proposal': ['validator'], offline: ['validator'],
    late: ['validator', 'delay'], crash: ['node'], 'selfish-mining': ['node'], 'private-chain': ['node', 'release'],
    partition: ['groups'], latency: ['mean', 'jitter'], loss: ['probability'], heal: [],
  };
  const kindSelect = $('#fault-kind');
  kindSelect.innerHTML = Object.keys(FAULT_FIELDS).map((k) => `<option>${k}</option>`).join('');
  const showFields = () => {
    const fields = FAULT_FIELDS[kindSelect.value];
    document.querySelectorAll('#fault-form [data-field]').forEach((l) => { l.hidden = !fields.includes(l.dataset.field); });
  };
  kindSelect.addEventListener('change', showFields);
  showFields();

  /** The JSON body `actorchain inject` sends (InjectCommand.Body): kind and the fields the kind takes. */
  function faultBody(form, clear) {
    const f = new FormData(form);
    const kind = f.get('kind');
    const body = { kind };
    const val = (k) => String(f.get(k) ?? '').trim();
    for (const field of FAULT_FIELDS[kind]) {
      const v = val(field);
      if (!v) continue;
      if (field === 'validator') {
        const names = v.split(/[\s,]+/).filter(Boolean);
        if (names.length === 1) body.validator = names[0]; else body.validators = names;
      } else if (field === 'node') body.node = /^\d+$/.test(v) ? Number(v) : v;
      else if (field === 'groups') body.groups = v.split('/').map((g) => g.split(',').map((s) => (/^\s*\d+\s*$/.test(s) ? Number(s) : s.trim())));
      else if (field === 'probability') body.probability = isNaN(Number(v)) ? v : Number(v);
      else body[field] = v;
    }
    if (!clear && val('until')) body.until = val('until');
    return body;
  }

  async function sendFault(method, body) {
    const out = $('#fault-result');
    out.className = 'result'; out.textContent = method === 'POST' ? 'injecting…' : 'clearing…';
    try {
      // no ?node=N here: any node routes a fault to the node concerned, and a DELETE reads its query as the fault
      const res = await fetch('/api/faults', { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const j = await res.json().catch(() => ({}));
      out.className = 'result ' + (res.ok ? 'ok' : 'err');
      out.textContent = res.ok ? (j.detail ?? 'done') : `${res.status} ${j.kind ?? ''}: ${j.error ?? 'refused'}`;
      out.dataset.status = String(res.status);
    } catch (e) {
      out.className = 'result err'; out.textContent = 'the node did not answer: ' + e.message;
    }
    want('faults', 'validators');
    endpoints.faults.last = 0; endpoints.validators.last = 0;
  }

  $('#fault-form').addEventListener('submit', (e) => { e.preventDefault(); sendFault('POST', faultBody(e.target, false)); });

  function renderFaults() {
    const list = S.faults?.faults || [];
    const now = Date.now();
    const html = list.map((f, i) => {
      const left = f.until ? Math.max(0, Math.round((f.until - now) / 1000)) : null;
      return `<li data-kind="${esc(f.kind)}" data-validator="${esc(f.validator ?? '')}"><span class="badge-s fault">${esc(f.kind)}</span> ${esc(f.detail ?? '')}` +
        `${f.heldBy != null ? ` <span class="muted">on node ${esc(f.heldBy)}</span>` : ''}${left != null ? ` <span class="muted">· ends in ~${left}s</span>` : ''}` +
        ` <button type="button" class="clear" data-i="${i}" data-testid="fault-clear">clear</button></li>`;
    }).join('');
    const box = $('#faults');
    const un = (S.faults?.unanswered || []).map((u) => `<li class="muted">node ${esc(u.node)} did not answer: ${esc(u.detail)}</li>`).join('');
    const all = (html || '<li class="muted">none</li>') + un;
    if (box.dataset.html !== all) { box.innerHTML = all; box.dataset.html = all; }
  }

  $('#faults').addEventListener('click', (e) => {
    const btn = e.target.closest('button.clear');
    if (!btn) return;
    const f = (S.faults?.faults || [])[Number(btn.dataset.i)];
    if (!f) return;
    const body = { kind: f.kind };
    for (const k of ['validator', 'validators', 'node', 'groups']) if (f[k] != null) body[k] = f[k];
    sendFault('DELETE', body);
  });

  // ---------------------------------------------------------------- conflicting finality, events
  function renderConflict() {
    const list = S.derived.conflicts;
    $('#conflict').hidden = list.length === 0;
    const side = (c) => `epoch <b>${esc(c?.epoch)}</b> root <span class="mono">${esc(short(c?.root))}</span> finalized by node${(c?.nodes || []).length === 1 ? '' : 's'} <b>${esc((c?.nodes || []).join(', '))}</b>`;
    $('#conflict-list').innerHTML = list.map((c) => `<li>${side(c.first)} <b>vs</b> ${side(c.second)}</li>`).join('');
  }

  const QUIET = new Set(['attestation', 'tx_accepted', 'block_proposed', 'head_changed', 'peer_linked', 'peer_unlinked', 'sync_request']);
  function renderEvents() {
    const shown = S.derived.log.filter((e) => !QUIET.has(e.type)).slice(-30).reverse();
    const html = shown.map((e) => {
      const fields = Object.entries(e).filter(([k]) => !['t', 'node', 'type'].includes(k)).slice(0, 6)
        .map(([k, v]) => `${k}=${typeof v === 'object' && v !== null ? (v.epoch != null ? cp(v) : JSON.stringify(v).slice(0, 40)) : short(v)}`).join(' ');
      return `<li class="ev ${esc(e.type)}"><span class="t">${esc(clock(e.t))}</span> <span class="n">n${esc(e.node ?? '–')}</span> <b>${esc(e.type)}</b> <span class="f">${esc(fields)}</span></li>`;
    }).join('');
    const box = $('#events');
    if (box.dataset.html !== html) { box.innerHTML = html; box.dataset.html = html; }
  }

  // ---------------------------------------------------------------- start
  window.addEventListener('resize', () => view('tree'));
  connect();
  tick();
  window.actorchainDashboard = { state: S, endpoints, renderTree, onEvent: (ev) => onEvent(JSON.stringify(ev)) }; // for tests and the curious
})();

// A screen's picture as it was delivered, drawn on a <canvas> the way an LED panel looks: every
// LED a round dot with dark gaps. Shared by the web player (/player/{id}) and the admin page's
// live views. Frames come as PNGs over a WebSocket that reconnects by itself.

// Unlit LEDs are not black on a real panel; this grey keeps the dot grid visible in dark parts.
const dark = '#161616';

// A tile of one LED at `k` canvas pixels: opaque black with a transparent dot the picture shows
// through. Filled over the whole picture as a pattern, it costs one fillRect per frame, however
// many LEDs there are.
function dotTile(k) {
  const tile = document.createElement('canvas');
  tile.width = tile.height = k;
  const g = tile.getContext('2d');
  g.fillStyle = '#000';
  g.fillRect(0, 0, k, k);
  g.globalCompositeOperation = 'destination-out';
  if (k === 2) {
    // Too small for a circle: one bright pixel, its neighbours half dark, so rows stay apart.
    g.clearRect(0, 0, 1, 1);
    g.fillStyle = 'rgba(0,0,0,.5)';
    g.fillRect(1, 0, 1, 1);
    g.fillRect(0, 1, 1, 1);
  } else {
    g.beginPath();
    g.arc(k / 2, k / 2, k * 0.42, 0, 2 * Math.PI);
    g.fill();
  }
  return tile;
}

// ledCanvas(canvas, pitchFor, onsize) draws frames on `canvas` at `pitchFor(width, height)` canvas
// pixels per LED (a whole number, so every LED is the same size; CSS may scale the canvas further).
// The size comes from each frame itself, so a screen made bigger needs no reload; onsize({width,
// height, pitch}) is told when it changes. A television (protocol web: plain() true) is no LED
// panel: its pictures are drawn as they are, one canvas pixel a pixel, without dots.
// -> {show(blob), redraw(), frames: count drawn, size: {width, height} of the last frame}
export function ledCanvas(canvas, pitchFor, onsize = () => {}, { plain = () => false } = {}) {
  const g = canvas.getContext('2d', { alpha: false });
  let w = 0, h = 0, k = 0, pattern = null, flat = false;
  let last = null;       // the last frame, kept to redraw after a resize
  let pending = null;    // the newest frame not yet decoded; older ones are dropped
  let busy = false;
  const state = { frames: 0, size: { width: 0, height: 0 }, show, redraw };

  function layout(width, height) {
    const tv = Boolean(plain());
    const pitch = tv ? 1 : Math.max(1, Math.round(pitchFor(width, height)));
    if (width === w && height === h && pitch === k && tv === flat) return;
    w = width; h = height; k = pitch; flat = tv;
    canvas.width = w * k;
    canvas.height = h * k;
    pattern = k >= 2 ? g.createPattern(dotTile(k), 'repeat') : null;
    state.size = { width: w, height: h };
    onsize({ width: w, height: h, pitch: k });
  }

  function paint() {
    if (!last) return;
    layout(last.width, last.height);
    g.globalCompositeOperation = 'source-over';
    if (flat) {
      g.drawImage(last, 0, 0);
      return;
    }
    g.fillStyle = dark;
    g.fillRect(0, 0, canvas.width, canvas.height);
    // "lighten" keeps the grey where the picture is black and the picture wherever it is lit.
    g.globalCompositeOperation = 'lighten';
    g.imageSmoothingEnabled = false;
    g.drawImage(last, 0, 0, w * k, h * k);
    g.globalCompositeOperation = 'source-over';
    if (pattern) {
      g.fillStyle = pattern;
      g.fillRect(0, 0, canvas.width, canvas.height);
    }
  }

  // Decoding is asynchronous; frames that arrive meanwhile replace each other, so a slow
  // device shows the newest picture instead of falling behind.
  async function show(blob) {
    pending = blob;
    if (busy) return;
    busy = true;
    try {
      while (pending) {
        const next = pending;
        pending = null;
        let bitmap;
        try {
          bitmap = await createImageBitmap(next);
        } catch {
          continue; // a damaged frame: wait for the next one
        }
        last?.close();
        last = bitmap;
        paint();
        state.frames++;
      }
    } finally {
      busy = false;
    }
  }

  // After the room changed (window resized): the pitch is asked again.
  function redraw() { paint(); }

  return state;
}

// The WebSocket URL for a path on this server (wss: when the page came over https:).
export function wsUrl(path) {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${path}`;
}

// A WebSocket of PNG frames that comes back by itself after the server restarts or the network
// drops: retries after 1 s, 2 s, 4 s, … at most 10 s; a connection that opens starts over at 1 s.
// opts: {onframe(blob), onstate(connected: bool), before(): a promise that must resolve before
// each attempt (a rejection counts as a failed attempt)}.
// -> {stop(), socket: the current WebSocket or null}
export function frameSocket(path, { onframe, onstate = () => {}, before }) {
  let delay = 1000;
  let timer = 0;
  let stopped = false;
  const handle = { socket: null, stop };

  function retry() {
    if (stopped) return;
    onstate(false);
    clearTimeout(timer);
    timer = setTimeout(connect, delay);
    delay = Math.min(delay * 2, 10000);
  }

  async function connect() {
    if (stopped) return;
    try {
      if (before) await before();
    } catch {
      retry();
      return;
    }
    if (stopped) return;
    const ws = new WebSocket(wsUrl(path));
    ws.binaryType = 'blob';
    handle.socket = ws;
    ws.onopen = () => { delay = 1000; onstate(true); };
    ws.onmessage = (e) => { if (e.data instanceof Blob) onframe(e.data); };
    // An error is always followed by close; close alone decides when to try again.
    ws.onclose = () => {
      if (handle.socket === ws) handle.socket = null;
      retry();
    };
  }

  function stop() {
    stopped = true;
    clearTimeout(timer);
    const ws = handle.socket;
    handle.socket = null;
    if (ws) {
      ws.onclose = null;
      ws.close();
    }
  }

  connect();
  return handle;
}

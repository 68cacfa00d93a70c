// The drawing pad: a padSize() x padSize() canvas (CSS may scale it; we always
// draw into the backing store in its own pixels), white strokes on black with
// round caps and joins and the pen width MNIST's strokes need after scaling.
// Mouse, touch and pen through pointer events with pointer capture. Strokes are
// kept as point lists, so undo redraws all but the last one.

const BACKGROUND = '#000';
const INK = '#fff';

export class Pad {
  /** `onChange()` runs after every change of the drawing (throttle it yourself). */
  constructor(canvas, { size, penWidth, onChange }) {
    this.canvas = canvas;
    this.size = size;
    this.penWidth = penWidth;
    this.onChange = onChange;
    canvas.width = size;
    canvas.height = size;
    this.ctx = canvas.getContext('2d', { willReadFrequently: true });
    this.strokes = [];
    this.current = null;
    this.pointerId = null;
    this.handlers = {
      pointerdown: (e) => this.down(e),
      pointermove: (e) => this.move(e),
      pointerup: (e) => this.up(e),
      pointercancel: (e) => this.up(e),
      lostpointercapture: (e) => this.up(e),
    };
    for (const [name, fn] of Object.entries(this.handlers)) canvas.addEventListener(name, fn);
    this.redraw();
  }

  destroy() {
    for (const [name, fn] of Object.entries(this.handlers)) this.canvas.removeEventListener(name, fn);
  }

  /** The pointer's position in backing-store pixels. */
  point(e) {
    const r = this.canvas.getBoundingClientRect();
    return [((e.clientX - r.left) / r.width) * this.size, ((e.clientY - r.top) / r.height) * this.size];
  }

  down(e) {
    if (this.pointerId !== null || (e.pointerType === 'mouse' && e.button !== 0)) return;
    e.preventDefault();
    this.pointerId = e.pointerId;
    try {
      this.canvas.setPointerCapture(e.pointerId);
    } catch {
      // synthetic events in tests have no capturable pointer; drawing still works
    }
    this.current = [this.point(e)];
    this.strokes.push(this.current);
    this.drawStroke(this.current);
    this.onChange();
  }

  move(e) {
    if (e.pointerId !== this.pointerId || !this.current) return;
    e.preventDefault();
    const events = typeof e.getCoalescedEvents === 'function' ? e.getCoalescedEvents() : [];
    const last = this.current[this.current.length - 1];
    for (const ev of events.length ? events : [e]) this.current.push(this.point(ev));
    this.drawStroke(this.current, this.current.indexOf(last));
    this.onChange();
  }

  up(e) {
    if (e.pointerId !== this.pointerId) return;
    this.pointerId = null;
    this.current = null;
    this.onChange();
  }

  /** Draws `points` from index `from` on (a dot for a single point). */
  drawStroke(points, from = 0) {
    const c = this.ctx;
    c.strokeStyle = INK;
    c.fillStyle = INK;
    c.lineWidth = this.penWidth;
    c.lineCap = 'round';
    c.lineJoin = 'round';
    if (points.length === 1) {
      c.beginPath();
      c.arc(points[0][0], points[0][1], this.penWidth / 2, 0, 2 * Math.PI);
      c.fill();
      return;
    }
    c.beginPath();
    const start = Math.max(0, from);
    c.moveTo(points[start][0], points[start][1]);
    for (let i = start + 1; i < points.length; i++) c.lineTo(points[i][0], points[i][1]);
    c.stroke();
  }

  redraw() {
    this.ctx.fillStyle = BACKGROUND;
    this.ctx.fillRect(0, 0, this.size, this.size);
    for (const s of this.strokes) this.drawStroke(s);
  }

  get empty() {
    return this.strokes.length === 0;
  }

  clear() {
    this.strokes = [];
    this.current = null;
    this.pointerId = null;
    this.redraw();
    this.onChange();
  }

  undo() {
    if (this.current) return;
    this.strokes.pop();
    this.redraw();
    this.onChange();
  }

  /** RGBA bytes of the whole pad (for preprocessDigit). */
  pixels() {
    return this.ctx.getImageData(0, 0, this.size, this.size).data;
  }
}

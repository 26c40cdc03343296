/**
 * Progress on stderr: a bar redrawn with \r on a terminal (count, rate, ETA), plain log
 * lines at most every few seconds otherwise.
 */
export interface ProgressSink {
  tick(n: number): void;
  done(): void;
}

function clock(s: number): string {
  if (!Number.isFinite(s)) return '--:--';
  const t = Math.round(s);
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const sec = t % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(sec).padStart(2, '0');
  return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

export class Progress implements ProgressSink {
  private count = 0;
  private readonly start = Date.now();
  private last = 0;
  private readonly tty: boolean;

  constructor(
    /** null: not known (a stream) */
    private readonly total: number | null,
    private readonly label: string,
    private readonly out: NodeJS.WriteStream = process.stderr,
  ) {
    this.tty = Boolean(out.isTTY);
  }

  tick(n: number): void {
    this.count += n;
    const now = Date.now();
    // the last tick is drawn by done()
    if ((this.total != null && this.count >= this.total) || now - this.last < (this.tty ? 100 : 5000)) return;
    this.last = now;
    this.render(false);
  }

  done(): void {
    this.render(true);
  }

  private render(final: boolean): void {
    const secs = (Date.now() - this.start) / 1000;
    const rate = secs > 0 ? this.count / secs : 0;
    if (this.total == null) {
      const line = `${this.label}: ${this.count} ${rate.toFixed(0)}/s ${final ? 'in ' : ''}${clock(secs)}`;
      this.out.write(this.tty ? `\r${line}\x1b[K${final ? '\n' : ''}` : `${line}\n`);
      return;
    }
    const eta = rate > 0 ? (this.total - this.count) / rate : Number.POSITIVE_INFINITY;
    const pct = this.total ? Math.min(1, this.count / this.total) : 1;
    const stats = `${this.count}/${this.total} ${rate.toFixed(0)}/s ${final ? `in ${clock(secs)}` : `ETA ${clock(eta)}`}`;
    if (this.tty) {
      const width = 28;
      const fill = Math.round(pct * width);
      const bar = `[${'#'.repeat(fill)}${'.'.repeat(width - fill)}]`;
      this.out.write(`\r${this.label} ${bar} ${stats}\x1b[K${final ? '\n' : ''}`);
    } else {
      this.out.write(`${this.label}: ${stats} (${Math.round(pct * 100)}%)\n`);
    }
  }
}

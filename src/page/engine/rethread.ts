// Threading a flow again with some paragraphs' tracking changed (automatic fit, autofit.ts),
// without laying out again what the change cannot move, and without disturbing what was laid out.
//
// - Where a change can first show. fillFrame places a block by its top and judges it at a frame's
//   foot by its own lines; the only rule that looks back moves a 小标题 on with the text after it.
//   So when the first changed paragraph is block k, and j is the last block before k that is not a
//   head, every frame before the one holding j's last piece is filled exactly as before (block k
//   is never judged in those frames, and nothing before j depends on k). Threading starts again at
//   that frame, with the source as it stood there: the continuation the frame began with (a copy
//   kept when it was made) and fresh copies of the blocks after it.
// - Frames of its own. Each new threading fills new copies of the frames from there on, placed
//   beside the originals; no frame is ever emptied and filled again. A block laid out in its frame
//   and then split keeps the layout Chromium gave it there, which is not always the layout the
//   same two pieces get when they are moved back in (the justification of the line before a split
//   can differ). So a threading that is kept is the one laid out, never a rebuilt one, and going
//   back to an earlier threading is only dropping the frames made after it.
import { isHead } from './dom.js';
import { type FillContext, type Flow, type FrameSlot, type Sheets, threadFlow } from './fill.js';
import type { FlowInput, LayoutResult } from './protocol.js';

type Problems = LayoutResult['problems'];

/** Where a threading stood before it filled a frame. */
interface Start {
  /** the continuation the frame began with (a copy, as it was made), and its block */
  cont: HTMLElement | null;
  contBlock: number;
  /** the next whole block in the source */
  next: number;
  /** problems found so far, and the guess of characters per line */
  problems: number;
  perLine: number;
}

/** One threading of the flow, kept as laid out. */
export interface Threading {
  /** block index → letter spacing (em) of the paragraphs set tighter or looser */
  tracking: Map<number, number>;
  slots: FrameSlot[];
  /** where it stood before each frame, and after the last (index slots.length) */
  starts: Start[];
  /** block index → the frame holding its last piece */
  lastFrame: Map<number, number>;
  /** blocks left in the source (overset) */
  left: HTMLElement[];
  problems: Problems;
  perLine: number;
}

export class Rethreader {
  private readonly blocks: HTMLElement[];
  /** every block and continuation ever put in the source → its block's index */
  private readonly index = new WeakMap<Element, number>();
  private readonly conts = new WeakSet<Element>();
  private readonly problems: number;
  /** the flow's own frame elements, by frame */
  private readonly originals: FrameSlot[] = [];
  private readonly copies: HTMLElement[] = [];
  readonly source: HTMLElement;

  constructor(
    private readonly input: FlowInput,
    private readonly sheets: Sheets,
    private readonly ctx: FillContext,
    private readonly autoPages: boolean,
    /** a copy of the source's blocks as written */
    pristine: HTMLElement,
  ) {
    this.blocks = Array.from(pristine.children) as HTMLElement[];
    this.source = document.querySelector<HTMLElement>(input.source)!;
    this.problems = ctx.problems.length;
  }

  /** The first threading, of the source as it is. */
  first(): { flow: Flow; threading: Threading } {
    (Array.from(this.source.children) as HTMLElement[]).forEach((b, i) => {
      this.index.set(b, i);
    });
    return this.run(new Map(), [], new Map(), 0);
  }

  /** Thread again with `tracking`, from where it can first differ from `from` (a kept threading). */
  again(from: Threading, tracking: Map<number, number>): { flow: Flow; threading: Threading } {
    const at = this.restartAt(from, tracking);
    const start = from.starts[at];
    const { ctx } = this;
    ctx.problems.length = this.problems;
    ctx.problems.push(...from.problems.slice(0, start.problems));
    ctx.perLine = start.perLine;
    const fresh = this.blocks.slice(start.next).map((b, k) => {
      const copy = b.cloneNode(true) as HTMLElement;
      const i = start.next + k;
      this.index.set(copy, i);
      const t = tracking.get(i);
      if (t !== undefined) copy.style.letterSpacing = `${t}em`;
      return copy;
    });
    if (start.cont) fresh.unshift(this.copyCont(start.cont, start.contBlock));
    this.source.replaceChildren(...fresh);
    const slots = from.slots.map((s, i) => (i < at ? s : this.copyFrame(s, i)));
    const lastFrame = new Map([...from.lastFrame].filter(([, f]) => f < at));
    return this.run(tracking, slots, lastFrame, at, from.starts.slice(0, at));
  }

  /**
   * Make `kept` the flow's threading: its frames stay, every other copy goes, the flow's own frames
   * it replaced go too; the source, problems and guess are as it left them.
   */
  settle(kept: Threading): Flow {
    const keep = new Set(kept.slots.map((s) => s.el));
    for (const el of this.copies) if (!keep.has(el)) el.remove();
    const slots = [...kept.slots];
    this.originals.forEach((s, i) => {
      if (keep.has(s.el)) return;
      if (i < kept.slots.length) s.el.remove();
      else {
        // A frame of a sheet another threading added: it stays, empty, as threading again would leave it.
        s.el.replaceChildren();
        slots.push(s);
      }
    });
    this.source.replaceChildren(...kept.left);
    this.ctx.problems.length = this.problems;
    this.ctx.problems.push(...kept.problems);
    this.ctx.perLine = kept.perLine;
    return { id: this.input.id, source: this.source, frames: slots };
  }

  /** The first frame that `tracking` can change, threaded as `from` (the frames before it are shared). */
  restartAt(from: Threading, tracking: Map<number, number>): number {
    let k = this.blocks.length;
    for (const i of new Set([...from.tracking.keys(), ...tracking.keys()]))
      if (from.tracking.get(i) !== tracking.get(i)) k = Math.min(k, i);
    let j = k - 1;
    while (j >= 0 && isHead(this.blocks[j])) j--;
    if (j < 0) return 0;
    return from.lastFrame.get(j) ?? from.slots.length;
  }

  private run(
    tracking: Map<number, number>,
    slots: FrameSlot[],
    lastFrame: Map<number, number>,
    from: number,
    starts: Start[] = [],
  ): { flow: Flow; threading: Threading } {
    const { source, ctx } = this;
    const flow = threadFlow(this.input, this.sheets, ctx, this.autoPages, {
      ...(from === 0 && !slots.length ? {} : { frames: slots, from }),
      before: (i) => {
        starts[i] = this.startHere();
      },
      after: (i, el) => {
        for (const b of el.children) {
          const at = this.index.get(b);
          if (at !== undefined) lastFrame.set(at, i);
        }
        // What the frame split off begins the source: it continues the frame's last block.
        const next = source.firstElementChild;
        if (next && !this.index.has(next)) {
          this.index.set(next, this.index.get(el.lastElementChild!)!);
          this.conts.add(next);
        }
      },
    });
    flow.frames.forEach((s, i) => {
      if (i >= this.originals.length) this.originals.push(s);
    });
    const end = this.startHere();
    for (let i = 0; i <= flow.frames.length; i++) starts[i] ??= end;
    const threading: Threading = {
      tracking,
      slots: flow.frames,
      starts,
      lastFrame,
      left: Array.from(source.children) as HTMLElement[],
      problems: ctx.problems.slice(this.problems),
      perLine: ctx.perLine,
    };
    return { flow, threading };
  }

  private startHere(): Start {
    const { source, ctx } = this;
    const first = source.firstElementChild as HTMLElement | null;
    const isCont = !!first && this.conts.has(first);
    const next = isCont ? first!.nextElementSibling : first;
    return {
      cont: isCont ? this.copyCont(first!, this.index.get(first!)!) : null,
      contBlock: isCont ? this.index.get(first!)! : -1,
      next: next ? this.index.get(next)! : this.blocks.length,
      problems: ctx.problems.length - this.problems,
      perLine: ctx.perLine,
    };
  }

  /** A copy of a continuation, standing for it in the text (the line map's offsets). */
  private copyCont(cont: HTMLElement, block: number): HTMLElement {
    const copy = cont.cloneNode(true) as HTMLElement;
    this.ctx.splitter.replaced(cont, copy);
    this.index.set(copy, block);
    this.conts.add(copy);
    return copy;
  }

  /** A new, empty copy of frame `i`, beside the flow's own. */
  private copyFrame(slot: FrameSlot, i: number): FrameSlot {
    const own = this.originals[i].el;
    const el = own.cloneNode(false) as HTMLElement;
    own.after(el);
    this.copies.push(el);
    return { el, page: slot.page };
  }
}

// Deadlines for every in-flight call share one timer: a queue ordered by due time, and a single
// setTimeout armed for the earliest. Cheaper than a timer (and an AbortController) per attempt,
// and the timer is cleared as soon as nothing is pending, so no timer outlives the calls.

export interface Deadline {
  at: number;
  fire: () => void;
  done: boolean;
}

const queue: Deadline[] = [];
let head = 0;
let timer: ReturnType<typeof setTimeout> | undefined;
let timerAt = Infinity;

function arm(at: number): void {
  if (timer !== undefined) {
    if (timerAt <= at) return;
    clearTimeout(timer);
  }
  timerAt = at;
  timer = setTimeout(onTimer, Math.max(0, at - Date.now()));
}

function disarm(): void {
  if (timer !== undefined) clearTimeout(timer);
  timer = undefined;
  timerAt = Infinity;
}

function compact(): void {
  while (head < queue.length && queue[head]!.done) head++;
  if (head === queue.length) {
    queue.length = 0;
    head = 0;
    disarm();
  } else if (head > 1024 && head * 2 > queue.length) {
    queue.splice(0, head);
    head = 0;
  }
}

function onTimer(): void {
  timer = undefined;
  timerAt = Infinity;
  const now = Date.now();
  while (head < queue.length) {
    const d = queue[head]!;
    if (!d.done && d.at > now) break;
    head++;
    if (!d.done) {
      d.done = true;
      d.fire();
    }
  }
  compact();
  if (head < queue.length) arm(queue[head]!.at);
}

/** Calls `fire` after `ms` unless cancelled first. */
export function addDeadline(ms: number, fire: () => void): Deadline {
  const d: Deadline = { at: Date.now() + ms, fire, done: false };
  // Deadlines mostly arrive in order (same timeout), so this is usually a push.
  let i = queue.length;
  while (i > head && queue[i - 1]!.at > d.at) i--;
  if (i === queue.length) queue.push(d);
  else queue.splice(i, 0, d);
  arm(queue[head]!.at);
  return d;
}

export function cancelDeadline(d: Deadline | undefined): void {
  if (d === undefined || d.done) return;
  d.done = true;
  compact();
}

/** Pending deadlines (tests check that none are left). */
export function pendingDeadlines(): number {
  let n = 0;
  for (let i = head; i < queue.length; i++) if (!queue[i]!.done) n++;
  return n;
}

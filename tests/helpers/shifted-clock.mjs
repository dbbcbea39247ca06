// Loaded with `node --import` into a child process (the CLI): its wall clock reads
// KIOSK_CLOCK_SHIFT_MS off the machine's (Date.now() and `new Date()`), as a kiosk whose
// clock is wrong, while a server in the test's own process keeps the right time.
const shift = Number(process.env.KIOSK_CLOCK_SHIFT_MS ?? 0);
const RealDate = Date;
const realNow = RealDate.now.bind(RealDate);
class ShiftedDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(realNow() + shift);
    else super(...args);
  }
  static now() {
    return realNow() + shift;
  }
}
globalThis.Date = ShiftedDate;

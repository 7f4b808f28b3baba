import { EventLoopSlicer } from './EventLoopSlicer';

describe('EventLoopSlicer', () => {
  it('lets a pending callback run once a slice has run its time, not before', async () => {
    const slicer = new EventLoopSlicer(200);
    let ran = false;
    setImmediate(() => {
      ran = true;
    });
    await slicer.pause();
    expect(ran).toBe(false);

    const busyUntil = performance.now() + 210;
    while (performance.now() < busyUntil) {
      // computing past the slice
    }
    await slicer.pause();
    expect(ran).toBe(true);
  });
});

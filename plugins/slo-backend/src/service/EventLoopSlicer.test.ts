import { EventLoopSlicer } from './EventLoopSlicer';

describe('EventLoopSlicer', () => {
  it('lets a pending callback run once a slice has run its time, not before', async () => {
    const slicer = new EventLoopSlicer(20);
    let ran = false;
    setImmediate(() => {
      ran = true;
    });
    await slicer.pause();
    expect(ran).toBe(false);

    const busyUntil = performance.now() + 25;
    while (performance.now() < busyUntil) {
      // computing past the slice
    }
    await slicer.pause();
    expect(ran).toBe(true);
  });
});

import {
  PromSeries,
  minuteEndValues,
  minuteIncreases,
} from './minuteIncreases';

const M = 60_000;
const T0 = Date.UTC(2026, 0, 1, 12, 0);

/** A series with values at the given boundaries (minutes after T0). */
function series(values: Array<[number, number]>): PromSeries {
  return {
    metric: {},
    values: values.map(([minute, value]) => [
      (T0 + minute * M) / 1000,
      String(value),
    ]),
  };
}

describe('minuteIncreases', () => {
  it('gives each minute the growth between its boundaries, summed over series', () => {
    const increases = minuteIncreases(
      [
        series([
          [0, 10],
          [1, 15],
          [2, 15],
          [3, 30],
        ]),
        series([
          [0, 100],
          [1, 101],
          [2, 103],
          [3, 103],
        ]),
      ],
      T0,
      T0 + 3 * M,
    );
    expect([...increases]).toEqual([
      [T0, 6],
      [T0 + M, 2],
      [T0 + 2 * M, 15],
    ]);
  });

  it('counts the new value in the minute a counter was reset in', () => {
    const increases = minuteIncreases(
      [
        series([
          [0, 500],
          [1, 520],
          [2, 7],
          [3, 19],
        ]),
      ],
      T0,
      T0 + 3 * M,
    );
    expect([...increases.values()]).toEqual([20, 7, 12]);
  });

  it('leaves out minutes without a value at both ends: no data, never zero', () => {
    const increases = minuteIncreases(
      [
        series([
          [0, 5],
          [1, 9],
          [3, 12],
          [4, 14],
        ]),
      ],
      T0,
      T0 + 4 * M,
    );
    expect([...increases]).toEqual([
      [T0, 4],
      [T0 + 3 * M, 2],
    ]);
  });

  it('adds up over any run of minutes to the growth between its ends', () => {
    const values: Array<[number, number]> = [];
    let value = 0;
    for (let minute = 0; minute <= 120; minute++) {
      value += (minute * 37) % 11;
      values.push([minute, value]);
    }
    const increases = minuteIncreases([series(values)], T0, T0 + 120 * M);
    const sum = [...increases.values()].reduce((a, b) => a + b, 0);
    expect(sum).toBe(values[120][1] - values[0][1]);
  });
});

describe('minuteEndValues', () => {
  it('gives each minute the value read at its end', () => {
    const values = minuteEndValues(
      series([
        [1, 0.2],
        [2, 0.4],
        [3, 0.1],
      ]),
      T0,
      T0 + 2 * M,
    );
    expect([...values]).toEqual([
      [T0, 0.2],
      [T0 + M, 0.4],
    ]);
  });
});

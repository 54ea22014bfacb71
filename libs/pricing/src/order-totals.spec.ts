import {
  computeOrderTotals,
  goodsAmountMinor,
  OrderTotals,
  PricedLine,
  rateBasisPoints,
  roundHalfUp,
  shippingPriceFor,
  splitShipping,
  TotalsInput,
} from './index';

// All amounts are euro cents. "tax(incl)" = roundHalfUp(gross × bp, 10000 + bp), "tax(net)" = roundHalfUp(net × bp, 10000).

const line = (sku: string, quantity: number, unitPriceMinor: bigint, taxRate: string): PricedLine => ({
  sku,
  quantity,
  unitPriceMinor,
  taxRate,
});
const order = (pricesIncludeTax: boolean, lines: PricedLine[], shippingPriceMinor = 0n, reverseCharge = false): OrderTotals =>
  computeOrderTotals({ pricesIncludeTax, lines, shippingPriceMinor, reverseCharge });
/** The figures of a result without the echoed line input, for compact expectations. */
const figures = (t: OrderTotals) => ({
  lines: t.lines.map((l) => [l.taxRate, l.netMinor, l.taxMinor, l.grossMinor]),
  subtotalNetMinor: t.subtotalNetMinor,
  subtotalGrossMinor: t.subtotalGrossMinor,
  shippingNetMinor: t.shippingNetMinor,
  shippingTaxMinor: t.shippingTaxMinor,
  shippingGrossMinor: t.shippingGrossMinor,
  taxMinor: t.taxMinor,
  totalGrossMinor: t.totalGrossMinor,
  taxLines: t.taxLines.map((x) => [x.rate, x.netMinor, x.taxMinor]),
});

describe('rateBasisPoints', () => {
  it.each([
    ['0', 0n],
    ['21', 2100n],
    ['9', 900n],
    ['5.5', 550n],
    ['25.5', 2550n],
    ['9.05', 905n],
    ['0.5', 50n],
    ['21.00', 2100n],
    ['100', 10000n],
  ])('%s → %s', (rate, bp) => expect(rateBasisPoints(rate)).toBe(bp));

  it.each([
    '-1',
    '-0',
    '21.005',
    '5.555',
    'abc',
    '',
    ' 21',
    '21 ',
    '21%',
    '101',
    '100.01',
    '1e2',
    '.5',
    '5.',
    '021',
    '21,5',
    '+21',
    'NaN',
    '0x15',
  ])('refuses %j', (rate) => expect(() => rateBasisPoints(rate)).toThrow(/invalid tax rate/));
});

describe('roundHalfUp', () => {
  it.each([
    [0n, 7n, 0n],
    [4n, 10n, 0n], // 0.4
    [5n, 10n, 1n], // 0.5 → up
    [15n, 10n, 2n], // 1.5 → 2
    [25n, 10n, 3n], // 2.5 → 3 (not banker's 2)
    [249n, 100n, 2n], // 2.49
    [12n, 4n, 3n], // exact
    [63000n, 12100n, 5n], // 5.206…
    [21000n, 12100n, 2n], // 1.735…
  ])('%s / %s → %s', (n, d, q) => expect(roundHalfUp(n, d)).toBe(q));

  it('refuses a negative numerator and a denominator ≤ 0', () => {
    expect(() => roundHalfUp(-1n, 10n)).toThrow();
    expect(() => roundHalfUp(1n, 0n)).toThrow();
    expect(() => roundHalfUp(1n, -10n)).toThrow();
  });
});

describe('goodsAmountMinor and shippingPriceFor', () => {
  it('sums unit × quantity', () => {
    // 3 × 0.10 + 2 × 12.10 + 1 × 0 = 30 + 2420 = 2450
    expect(goodsAmountMinor([line('a', 3, 10n, '21'), line('b', 2, 1210n, '9'), line('c', 1, 0n, '0')])).toBe(2450n);
    expect(goodsAmountMinor([])).toBe(0n);
  });

  it('ships free when the goods reach the threshold (equal counts), else at the price', () => {
    const method = { priceMinor: 495n, freeAboveMinor: 5000n };
    expect(shippingPriceFor(method, 5000n)).toBe(0n); // exactly the threshold: free
    expect(shippingPriceFor(method, 5001n)).toBe(0n);
    expect(shippingPriceFor(method, 4999n)).toBe(495n); // one cent short
    expect(shippingPriceFor(method, 0n)).toBe(495n);
  });

  it('never ships free without a threshold; a threshold of 0 always ships free', () => {
    expect(shippingPriceFor({ priceMinor: 495n, freeAboveMinor: null }, 10n ** 9n)).toBe(495n);
    expect(shippingPriceFor({ priceMinor: 495n, freeAboveMinor: 0n }, 0n)).toBe(0n);
    expect(shippingPriceFor({ priceMinor: 0n, freeAboveMinor: null }, 100n)).toBe(0n);
  });

  it('feeds computeOrderTotals: at the threshold there is no shipping at all', () => {
    const lines = [line('a', 2, 2500n, '21')]; // goods 5000 incl. VAT
    const shipping = shippingPriceFor({ priceMinor: 495n, freeAboveMinor: 5000n }, goodsAmountMinor(lines));
    const t = order(true, lines, shipping);
    expect([t.shippingNetMinor, t.shippingTaxMinor, t.shippingGrossMinor, t.totalGrossMinor]).toEqual([0n, 0n, 0n, 5000n]);
  });
});

describe('computeOrderTotals: one rate, rounding per line', () => {
  it('3 × 0.10 incl. 21 % on one line: gross 30, tax 5, net 25', () => {
    // tax = roundHalfUp(30 × 2100, 12100) = round(5.206) = 5; net = 30 − 5 = 25
    const t = order(true, [line('pen', 3, 10n, '21')]);
    expect(t.lines).toEqual([
      { sku: 'pen', quantity: 3, unitPriceMinor: 10n, taxRate: '21', netMinor: 25n, taxMinor: 5n, grossMinor: 30n },
    ]);
    expect(figures(t)).toMatchObject({
      subtotalNetMinor: 25n,
      subtotalGrossMinor: 30n,
      taxMinor: 5n,
      totalGrossMinor: 30n,
      taxLines: [['21', 25n, 5n]],
    });
  });

  it('the same three pens on three lines round three times: tax 6, net 24', () => {
    // each: tax = roundHalfUp(10 × 2100, 12100) = round(1.736) = 2, net 8 → Σ tax 6, Σ net 24, gross still 30
    const t = order(true, [line('pen', 1, 10n, '21'), line('pen', 1, 10n, '21'), line('pen', 1, 10n, '21')]);
    expect(t.lines.map((l) => [l.netMinor, l.taxMinor, l.grossMinor])).toEqual([
      [8n, 2n, 10n],
      [8n, 2n, 10n],
      [8n, 2n, 10n],
    ]);
    expect(figures(t)).toMatchObject({ subtotalNetMinor: 24n, taxMinor: 6n, totalGrossMinor: 30n, taxLines: [['21', 24n, 6n]] });
  });

  it('net prices: 3 × 0.10 excl. 21 % → tax round(6.3) = 6, gross 36', () => {
    const t = order(false, [line('pen', 3, 10n, '21')]);
    expect(figures(t)).toMatchObject({ lines: [['21', 30n, 6n, 36n]], totalGrossMinor: 36n, taxLines: [['21', 30n, 6n]] });
  });

  it.each([
    // net prices: tax = net × bp / 10000
    [false, 50n, '21', 11n, 50n, 61n], // 50 × 0.21 = 10.5 → 11
    [false, 49n, '21', 10n, 49n, 59n], // 10.29 → 10
    [false, 50n, '9', 5n, 50n, 55n], // 4.5 → 5 (banker's rounding would give 4)
    [false, 150n, '9', 14n, 150n, 164n], // 13.5 → 14
    // prices incl. VAT: tax = gross × bp / (10000 + bp); 21 % and 9 % never land on .5, 20 % and 12 % do
    [true, 3n, '20', 1n, 2n, 3n], // 3 × 2000 / 12000 = 0.5 → 1
    [true, 15n, '20', 3n, 12n, 15n], // 2.5 → 3 (banker's: 2)
    [true, 14n, '12', 2n, 12n, 14n], // 14 × 1200 / 11200 = 1.5 → 2
    [true, 13n, '12', 1n, 12n, 13n], // 1.39 → 1
  ] as const)('exactly .5 rounds up: incl %s, %s at %s %% → tax %s, net %s, gross %s', (incl, amount, rate, tax, net, gross) => {
    const t = order(incl, [line('x', 1, amount, rate)]);
    expect(figures(t).lines).toEqual([[rate, net, tax, gross]]);
  });

  it('5.5 % and 25.5 % incl. VAT, with shipping split over both', () => {
    // 19.99 @ 5.5:  tax = 1999 × 550 / 10550  = 104.21 → 104, net 1895
    // 19.99 @ 25.5: tax = 1999 × 2550 / 12550 = 406.17 → 406, net 1593
    // shipping 399 by net 1895 : 1593 (Σ 3488):
    //   25.5: 399 × 1593 / 3488 = 182 rem 791;  5.5: 399 × 1895 / 3488 = 216 rem 2697 → 1 left over → 5.5 gets it: 217
    //   25.5 part 182: tax 182 × 2550 / 12550 = 36.98 → 37, net 145;  5.5 part 217: tax 217 × 550 / 10550 = 11.31 → 11, net 206
    // shipping net 351, tax 48, gross 399; tax 510 + 48 = 558; total 3998 + 399 = 4397 = 3488 + 351 + 558
    const t = order(true, [line('a', 1, 1999n, '5.5'), line('b', 1, 1999n, '25.5')], 399n);
    expect(figures(t)).toEqual({
      lines: [
        ['5.5', 1895n, 104n, 1999n],
        ['25.5', 1593n, 406n, 1999n],
      ],
      subtotalNetMinor: 3488n,
      subtotalGrossMinor: 3998n,
      shippingNetMinor: 351n,
      shippingTaxMinor: 48n,
      shippingGrossMinor: 399n,
      taxMinor: 558n,
      totalGrossMinor: 4397n,
      taxLines: [
        ['25.5', 1738n, 443n], // 1593 + 145, 406 + 37
        ['5.5', 2101n, 115n], // 1895 + 206, 104 + 11
      ],
    });
  });

  it('5.5 % and 25.5 % on net prices: equal weights tie, the higher rate takes the odd cent', () => {
    // 1999 @ 5.5: tax 109.945 → 110;  1999 @ 25.5: tax 509.745 → 510
    // shipping 399 by 1999 : 1999 → 199.5 each → 199 + 199, 1 left, equal remainders → 25.5: 200, 5.5: 199
    //   200 × 0.255 = 51;  199 × 0.055 = 10.945 → 11 → shipping tax 62, gross 461
    // tax 620 + 62 = 682; total 4618 + 461 = 5079 = 3998 + 399 + 682
    const t = order(false, [line('a', 1, 1999n, '5.5'), line('b', 1, 1999n, '25.5')], 399n);
    expect(figures(t)).toEqual({
      lines: [
        ['5.5', 1999n, 110n, 2109n],
        ['25.5', 1999n, 510n, 2509n],
      ],
      subtotalNetMinor: 3998n,
      subtotalGrossMinor: 4618n,
      shippingNetMinor: 399n,
      shippingTaxMinor: 62n,
      shippingGrossMinor: 461n,
      taxMinor: 682n,
      totalGrossMinor: 5079n,
      taxLines: [
        ['25.5', 2199n, 561n],
        ['5.5', 2198n, 121n],
      ],
    });
  });

  it('writes rates canonically and books equal rates together', () => {
    const t = order(false, [line('a', 1, 100n, '21.00'), line('b', 1, 100n, '21'), line('c', 1, 100n, '5.50')]);
    expect(t.lines.map((l) => l.taxRate)).toEqual(['21', '21', '5.5']);
    expect(figures(t).taxLines).toEqual([
      ['21', 200n, 42n],
      ['5.5', 100n, 6n], // 5.5 → 6
    ]);
  });
});

describe('computeOrderTotals: mixed rates, shipping follows the goods', () => {
  it('21 %, 9 % and 0 % incl. VAT', () => {
    // 2 × 12.10 @ 21: gross 2420, tax 2420 × 2100 / 12100 = 420, net 2000
    // 1 × 10.90 @ 9:  gross 1090, tax 1090 × 900 / 10900  = 90,  net 1000
    // 1 × 5.00  @ 0:  gross 500,  tax 0,                          net 500
    // shipping 495 by net 2000 : 1000 : 500 (Σ 3500):
    //   21: 990000 / 3500 = 282 rem 3000;  9: 495000 / 3500 = 141 rem 1500;  0: 247500 / 3500 = 70 rem 2500
    //   Σ 493, 2 left → largest remainders 3000 (21) and 2500 (0) → 283 / 141 / 71
    //   21: tax 283 × 2100 / 12100 = 49.12 → 49, net 234;  9: 141 × 900 / 10900 = 11.64 → 12, net 129;  0: net 71
    // shipping net 434, tax 61, gross 495; tax 510 + 61 = 571; total 4010 + 495 = 4505 = 3500 + 434 + 571
    const t = order(true, [line('a', 2, 1210n, '21'), line('b', 1, 1090n, '9'), line('c', 1, 500n, '0')], 495n);
    expect(figures(t)).toEqual({
      lines: [
        ['21', 2000n, 420n, 2420n],
        ['9', 1000n, 90n, 1090n],
        ['0', 500n, 0n, 500n],
      ],
      subtotalNetMinor: 3500n,
      subtotalGrossMinor: 4010n,
      shippingNetMinor: 434n,
      shippingTaxMinor: 61n,
      shippingGrossMinor: 495n,
      taxMinor: 571n,
      totalGrossMinor: 4505n,
      taxLines: [
        ['21', 2234n, 469n],
        ['9', 1129n, 102n],
        ['0', 571n, 0n],
      ],
    });
  });

  it('21 %, 9 % and 0 % on net prices', () => {
    // lines: 2 × 10.00 @ 21 → 2000 + 420;  1 × 10.00 @ 9 → 1000 + 90;  1 × 5.00 @ 0 → 500 + 0
    // shipping 495 net, same weights → 283 / 141 / 71;  tax 283 × 0.21 = 59.43 → 59;  141 × 0.09 = 12.69 → 13;  0
    // shipping net 495, tax 72, gross 567; tax 582; total 4010 + 567 = 4577 = 3500 + 495 + 582
    const t = order(false, [line('a', 2, 1000n, '21'), line('b', 1, 1000n, '9'), line('c', 1, 500n, '0')], 495n);
    expect(figures(t)).toEqual({
      lines: [
        ['21', 2000n, 420n, 2420n],
        ['9', 1000n, 90n, 1090n],
        ['0', 500n, 0n, 500n],
      ],
      subtotalNetMinor: 3500n,
      subtotalGrossMinor: 4010n,
      shippingNetMinor: 495n,
      shippingTaxMinor: 72n,
      shippingGrossMinor: 567n,
      taxMinor: 582n,
      totalGrossMinor: 4577n,
      taxLines: [
        ['21', 2283n, 479n],
        ['9', 1141n, 103n],
        ['0', 571n, 0n],
      ],
    });
  });

  it('1 cent of shipping over three equal rates goes to the highest', () => {
    // net 1000 at each of 21 / 9 / 0 → 1/3 cent each → 0 + 0 + 0, 1 left, all remainders equal → 21
    // the 21 % part of 1 cent incl. VAT: tax 2100 / 12100 = 0.17 → 0, net 1
    const t = order(true, [line('a', 1, 1210n, '21'), line('b', 1, 1090n, '9'), line('c', 1, 1000n, '0')], 1n);
    expect(figures(t)).toMatchObject({
      shippingNetMinor: 1n,
      shippingTaxMinor: 0n,
      shippingGrossMinor: 1n,
      taxMinor: 300n,
      totalGrossMinor: 3301n,
      taxLines: [
        ['21', 1001n, 210n],
        ['9', 1000n, 90n],
        ['0', 1000n, 0n],
      ],
    });
  });

  it('2 cents over three equal rates: one to 21 %, one to 9 %', () => {
    const t = order(false, [line('a', 1, 1000n, '21'), line('b', 1, 1000n, '9'), line('c', 1, 1000n, '0')], 2n);
    // parts 1 / 1 / 0; tax 0.21 → 0 and 0.09 → 0
    expect(figures(t)).toMatchObject({
      shippingNetMinor: 2n,
      shippingTaxMinor: 0n,
      shippingGrossMinor: 2n,
      totalGrossMinor: 3302n,
      taxLines: [
        ['21', 1001n, 210n],
        ['9', 1001n, 90n],
        ['0', 1000n, 0n],
      ],
    });
  });

  it('weighs by NET amount, not by gross', () => {
    // incl. VAT: 12.10 @ 21 (net 1000) and 10.90 @ 9 (net 1000): equal nets although the grosses differ,
    // so 100 of shipping splits 50 / 50 (by gross it would be 53 / 47)
    expect(
      splitShipping(100n, [
        { rate: '21', netMinor: 1000n },
        { rate: '9', netMinor: 1000n },
      ]),
    ).toEqual([
      { rate: '21', amountMinor: 50n },
      { rate: '9', amountMinor: 50n },
    ]);
    const t = order(true, [line('a', 1, 1210n, '21'), line('b', 1, 1090n, '9')], 100n);
    // 50 @ 21: tax 50 × 2100 / 12100 = 8.68 → 9;  50 @ 9: tax 50 × 900 / 10900 = 4.13 → 4
    expect(figures(t).taxLines).toEqual([
      ['21', 1041n, 219n],
      ['9', 1046n, 94n],
    ]);
    expect(t.shippingTaxMinor).toBe(13n);
  });

  it('goods without value: the whole shipping at the highest rate of the lines', () => {
    // nets 0 and 0 → all 495 incl. VAT at 21 %: tax 495 × 2100 / 12100 = 85.91 → 86, net 409
    const t = order(true, [line('gift', 1, 0n, '9'), line('sample', 2, 0n, '21')], 495n);
    expect(figures(t)).toEqual({
      lines: [
        ['9', 0n, 0n, 0n],
        ['21', 0n, 0n, 0n],
      ],
      subtotalNetMinor: 0n,
      subtotalGrossMinor: 0n,
      shippingNetMinor: 409n,
      shippingTaxMinor: 86n,
      shippingGrossMinor: 495n,
      taxMinor: 86n,
      totalGrossMinor: 495n,
      taxLines: [
        ['21', 409n, 86n],
        ['9', 0n, 0n],
      ],
    });
  });

  it('a rate whose goods are worth 0 gets no shipping when other goods have value', () => {
    expect(
      splitShipping(7n, [
        { rate: '21', netMinor: 0n },
        { rate: '9', netMinor: 3n },
        { rate: '0', netMinor: 1n },
      ]),
    ).toEqual([
      { rate: '21', amountMinor: 0n },
      { rate: '9', amountMinor: 5n }, // 21/4 = 5.25 → 5 (rem 1)
      { rate: '0', amountMinor: 2n }, // 7/4 = 1.75 → 1 (rem 3) + the left-over cent
    ]);
  });

  it('a lower rate with the larger remainder takes the cent over a higher one', () => {
    // 1 cent by 100 : 300 → 0.25 / 0.75 → 9 gets it
    expect(
      splitShipping(1n, [
        { rate: '21', netMinor: 100n },
        { rate: '9', netMinor: 300n },
      ]),
    ).toEqual([
      { rate: '21', amountMinor: 0n },
      { rate: '9', amountMinor: 1n },
    ]);
  });

  it('no shipping: every shipping figure 0 and only the goods rates', () => {
    const t = order(true, [line('a', 2, 1210n, '21'), line('b', 1, 1090n, '9')], 0n);
    expect(figures(t)).toMatchObject({
      shippingNetMinor: 0n,
      shippingTaxMinor: 0n,
      shippingGrossMinor: 0n,
      taxMinor: 510n,
      totalGrossMinor: 3510n,
      taxLines: [
        ['21', 2000n, 420n],
        ['9', 1000n, 90n],
      ],
    });
  });
});

describe('computeOrderTotals: reverse charge', () => {
  it('net prices: everything at 0 %, amounts unchanged, one tax line "0"', () => {
    // shipping 495 split 330 / 165 (2000 : 1000) but each part is charged 0 %
    const t = order(false, [line('a', 2, 1000n, '21'), line('b', 1, 1000n, '9')], 495n, true);
    expect(figures(t)).toEqual({
      lines: [
        ['0', 2000n, 0n, 2000n],
        ['0', 1000n, 0n, 1000n],
      ],
      subtotalNetMinor: 3000n,
      subtotalGrossMinor: 3000n,
      shippingNetMinor: 495n,
      shippingTaxMinor: 0n,
      shippingGrossMinor: 495n,
      taxMinor: 0n,
      totalGrossMinor: 3495n,
      taxLines: [['0', 3495n, 0n]],
    });
    expect(t.lines[0]).toMatchObject({ sku: 'a', quantity: 2, unitPriceMinor: 1000n, taxRate: '0' });
  });

  it('prices incl. VAT: the VAT they contain at the normal rate is taken out', () => {
    // 2 × 12.10 @ 21 → 2420 − 420 = 2000;  1 × 10.90 @ 9 → 1090 − 90 = 1000
    // 1 × 9.99 @ 21 → 999 − round(999 × 2100 / 12100 = 173.38) = 999 − 173 = 826
    // shipping 495 by net 2826 (21) : 1000 (9), Σ 3826:
    //   21: 1398870 / 3826 = 365 rem 2380;  9: 495000 / 3826 = 129 rem 1446 → 1 left → 21: 366
    //   366 − round(366 × 2100 / 12100 = 63.52) = 366 − 64 = 302;  129 − round(129 × 900 / 10900 = 10.65) = 129 − 11 = 118
    // shipping 420; total 3826 + 420 = 4246
    const t = order(true, [line('a', 2, 1210n, '21'), line('b', 1, 1090n, '9'), line('c', 1, 999n, '21')], 495n, true);
    expect(figures(t)).toEqual({
      lines: [
        ['0', 2000n, 0n, 2000n],
        ['0', 1000n, 0n, 1000n],
        ['0', 826n, 0n, 826n],
      ],
      subtotalNetMinor: 3826n,
      subtotalGrossMinor: 3826n,
      shippingNetMinor: 420n,
      shippingTaxMinor: 0n,
      shippingGrossMinor: 420n,
      taxMinor: 0n,
      totalGrossMinor: 4246n,
      taxLines: [['0', 4246n, 0n]],
    });
  });

  it('goods without value under reverse charge: shipping loses the VAT of the highest rate', () => {
    // 495 − 86 (see the non-reverse case) = 409
    const t = order(true, [line('gift', 1, 0n, '9'), line('sample', 1, 0n, '21')], 495n, true);
    expect(figures(t)).toMatchObject({
      shippingNetMinor: 409n,
      shippingGrossMinor: 409n,
      taxMinor: 0n,
      totalGrossMinor: 409n,
      taxLines: [['0', 409n, 0n]],
    });
  });
});

describe('computeOrderTotals: guards', () => {
  const ok: TotalsInput = {
    pricesIncludeTax: true,
    lines: [line('a', 1, 100n, '21')],
    shippingPriceMinor: 0n,
    reverseCharge: false,
  };

  it('accepts the minimal order', () => expect(computeOrderTotals(ok).totalGrossMinor).toBe(100n));

  it.each([
    ['no lines', { ...ok, lines: [] }],
    ['quantity 0', { ...ok, lines: [line('a', 0, 100n, '21')] }],
    ['negative quantity', { ...ok, lines: [line('a', -1, 100n, '21')] }],
    ['fractional quantity', { ...ok, lines: [line('a', 1.5, 100n, '21')] }],
    ['NaN quantity', { ...ok, lines: [line('a', NaN, 100n, '21')] }],
    ['negative price', { ...ok, lines: [line('a', 1, -1n, '21')] }],
    ['a number as price', { ...ok, lines: [line('a', 1, 100 as unknown as bigint, '21')] }],
    ['negative shipping', { ...ok, shippingPriceMinor: -1n }],
    ['a junk rate', { ...ok, lines: [line('a', 1, 100n, '21%')] }],
  ] as [string, TotalsInput][])('throws on %s', (_name, input) => {
    expect(() => computeOrderTotals(input)).toThrow(Error);
  });

  it('guards goodsAmountMinor, shippingPriceFor and splitShipping too', () => {
    expect(() => goodsAmountMinor([line('a', 0, 100n, '21')])).toThrow();
    expect(() => shippingPriceFor({ priceMinor: -1n, freeAboveMinor: null }, 0n)).toThrow();
    expect(() => splitShipping(1n, [])).toThrow();
    expect(() => splitShipping(1n, [{ rate: '21', netMinor: -1n }])).toThrow();
  });
});

describe('computeOrderTotals: invariants over pseudo-random orders', () => {
  /** mulberry32: a tiny deterministic generator, so a failure reproduces. */
  function rng(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const RATES = ['21', '9', '0', '5.5', '25.5', '20', '12', '17', '8.1'];
  const next = rng(20260101);
  const int = (n: number) => Math.floor(next() * n);
  const price = () => (int(8) === 0 ? 0n : BigInt(int(int(2) ? 100 : 100_000)));
  const sum = (xs: bigint[]) => xs.reduce((a, b) => a + b, 0n);

  const cases: TotalsInput[] = Array.from({ length: 400 }, () => ({
    pricesIncludeTax: int(2) === 0,
    reverseCharge: int(5) === 0,
    shippingPriceMinor: int(4) === 0 ? 0n : BigInt(int(int(2) ? 10 : 2000)),
    lines: Array.from({ length: 1 + int(6) }, (_, i) =>
      line(`s${i}`, 1 + int(int(4) === 0 ? 1000 : 5), price(), RATES[int(RATES.length)]),
    ),
  }));

  it.each(cases.map((c, i) => [i, c] as const))('order %d', (_i, input) => {
    const t = computeOrderTotals(input);
    const bp = (r: string) => rateBasisPoints(r);

    // the totals add up both ways
    expect(t.totalGrossMinor).toBe(t.subtotalNetMinor + t.shippingNetMinor + t.taxMinor);
    expect(t.totalGrossMinor).toBe(t.subtotalGrossMinor + t.shippingGrossMinor);
    expect(t.shippingGrossMinor).toBe(t.shippingNetMinor + t.shippingTaxMinor);
    expect(t.subtotalNetMinor).toBe(sum(t.lines.map((l) => l.netMinor)));
    expect(t.subtotalGrossMinor).toBe(sum(t.lines.map((l) => l.grossMinor)));
    expect(t.taxMinor).toBe(sum(t.lines.map((l) => l.taxMinor)) + t.shippingTaxMinor);

    // the tax lines carry everything, once per rate, highest first
    expect(sum(t.taxLines.map((x) => x.taxMinor))).toBe(t.taxMinor);
    expect(sum(t.taxLines.map((x) => x.netMinor))).toBe(t.subtotalNetMinor + t.shippingNetMinor);
    const bps = t.taxLines.map((x) => bp(x.rate));
    expect(bps).toEqual([...new Set(bps)].sort((a, b) => (a > b ? -1 : 1)));
    expect(new Set(t.taxLines.map((x) => x.rate))).toEqual(new Set(t.lines.map((l) => l.taxRate)));

    input.lines.forEach((src, k) => {
      const l = t.lines[k];
      const amount = src.unitPriceMinor * BigInt(src.quantity);
      const b = bp(src.taxRate);
      expect(l.grossMinor).toBe(l.netMinor + l.taxMinor);
      expect(l.netMinor >= 0n && l.taxMinor >= 0n).toBe(true);
      // the tax is the exact VAT rounded to the nearest cent: |tax × d − exact × d| ≤ d / 2
      const [num, den] = input.pricesIncludeTax ? [amount * b, 10000n + b] : [amount * b, 10000n];
      // (under reverse charge with net prices no VAT is worked out at all)
      if (input.pricesIncludeTax || !input.reverseCharge) {
        const vat = input.reverseCharge ? amount - l.netMinor : l.taxMinor;
        const diff = vat * den - num;
        expect(2n * (diff < 0n ? -diff : diff) <= den).toBe(true);
      }
      if (input.reverseCharge) expect([l.taxRate, l.taxMinor]).toEqual(['0', 0n]);
      else expect(l.taxRate).toBe(formatBp(b));
      if (!input.pricesIncludeTax) expect(l.netMinor).toBe(amount);
      else if (!input.reverseCharge) expect(l.grossMinor).toBe(amount);
    });

    // shipping keeps the price it was given, in its convention
    if (input.pricesIncludeTax && !input.reverseCharge) expect(t.shippingGrossMinor).toBe(input.shippingPriceMinor);
    if (!input.pricesIncludeTax) expect(t.shippingNetMinor).toBe(input.shippingPriceMinor);
    if (input.reverseCharge) expect([t.taxMinor, t.taxLines.map((x) => x.rate)]).toEqual([0n, ['0']]);
    if (input.shippingPriceMinor === 0n)
      expect([t.shippingNetMinor, t.shippingTaxMinor, t.shippingGrossMinor]).toEqual([0n, 0n, 0n]);

    // the shipping parts sum exactly, each within one cent below/above its exact share (largest remainder)
    const netByRate = new Map<string, bigint>();
    input.lines.forEach((src, k) => {
      const r = formatBp(bp(src.taxRate));
      const net = input.pricesIncludeTax ? t.lines[k].netMinor : src.unitPriceMinor * BigInt(src.quantity);
      netByRate.set(r, (netByRate.get(r) ?? 0n) + net);
    });
    const weights = [...netByRate].map(([rate, netMinor]) => ({ rate, netMinor }));
    const parts = splitShipping(input.shippingPriceMinor, weights);
    expect(sum(parts.map((p) => p.amountMinor))).toBe(input.shippingPriceMinor);
    const total = sum(weights.map((w) => w.netMinor));
    for (const p of parts) {
      const w = netByRate.get(p.rate)!;
      if (total === 0n) continue;
      const floor = (input.shippingPriceMinor * w) / total;
      expect(p.amountMinor === floor || p.amountMinor === floor + 1n).toBe(true);
    }
  });

  function formatBp(b: bigint): string {
    const frac = (b % 100n).toString().padStart(2, '0').replace(/0+$/, '');
    return frac ? `${b / 100n}.${frac}` : `${b / 100n}`;
  }
});

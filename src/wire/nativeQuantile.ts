// Prometheus 2.42's histogram_quantile, histogram_count and histogram_sum on the native
// histogram the page exposes for an exponential histogram row: what a Prometheus that scraped
// `toPrometheusProtobuf` answers, computed here to the last bit.
// Rules (Prometheus 2.42 promql/quantile.go histogramQuantile, model/histogram
// float_histogram.go AllBucketIterator, generic.go getBound):
// - It works on the mapped histogram (nativeHistogram.ts: schema ≤ 8 after merging, Prometheus
//   index = OpenTelemetry index + 1, spans with their empty in-span buckets), never on the
//   row's own buckets: a merged bucket's bounds are the ones Prometheus sees.
// - Buckets in AllBucketIterator's order: negative buckets from the most negative up, then the
//   zero bucket (only when its count is above 0), then positive buckets ascending; buckets
//   inside a span count even when empty. Positive bucket i is (getBound(i−1), getBound(i)],
//   negative bucket i is [−getBound(i), −getBound(i−1)); a positive lower bound below the zero
//   threshold is raised to it, a negative upper bound above −threshold lowered to it.
// - getBound: 2^(i·2^−schema) for schema < 0 (math.Ldexp(1, i << −schema)); for schema ≥ 0
//   math.Ldexp(exponentialBounds[schema][i & (2^schema − 1)], (i >> schema) + 1), with the
//   table's own constants (ported below), so bounds are Go's floats, not Math.pow's; the last
//   finite bucket's upper bound is math.MaxFloat64.
// - q < 0 → −Inf, q > 1 → +Inf, then no observations or q NaN → NaN. rank = q · count; the
//   first bucket whose running count reaches the rank holds it; a zero bucket that holds it
//   takes 0 as its lower bound when there are only positive buckets, as its upper bound when
//   only negative ones; a running count that never reaches the rank gives the last bucket's
//   upper bound; otherwise linear interpolation, lower + (upper − lower) · (rank' / count).
// - Every step is the same IEEE double operation as Go's, in the same order, so the results
//   are bit for bit those of a Prometheus built for amd64 (Go fuses no multiply-add there; on
//   arm64 it may fuse lower + width · fraction, and the last bit can differ).
// - histogram_count and histogram_sum are the sample_count and sample_sum written
//   (protobuf.ts): the row's exact count and sum.

import type { ExponentialHistogramData } from "../engine";
import type { BucketSpan } from "./metrics";
import { nativeHistogram, type NativeHistogram } from "./nativeHistogram";

/**
 * generic.go exponentialBounds[8]: the fraction of 2^(k/256) in [0.5, 1), k = 0..255, as Go's
 * constants. exponentialBounds[s] for s < 8 is every 2^(8−s)-th entry of this one (checked
 * against the source when ported), so one table serves every schema.
 */
const BOUNDS_8: readonly number[] = [
  0.5, 0.5013556375251013, 0.5027149505564014, 0.5040779490592088,
  0.5054446430258502, 0.5068150424757447, 0.5081891574554764, 0.509566998038869,
  0.5109485743270583, 0.5123338964485679, 0.5137229745593818, 0.5151158188430205,
  0.5165124395106142, 0.5179128468009786, 0.5193170509806894, 0.520725062344158,
  0.5221368912137069, 0.5235525479396449, 0.5249720429003435, 0.526395386502313,
  0.5278225891802786, 0.5292536613972564, 0.5306886136446309, 0.5321274564422321,
  0.5335702003384117, 0.5350168559101208, 0.5364674337629877, 0.5379219445313954,
  0.5393803988785598, 0.5408428074966075, 0.5423091811066545, 0.5437795304588847,
  0.5452538663326288, 0.5467321995364429, 0.5482145409081883, 0.549700901315111,
  0.5511912916539204, 0.5526857228508706, 0.5541842058618393, 0.5556867516724088,
  0.5571933712979462, 0.5587040757836845, 0.5602188762048033, 0.5617377836665098,
  0.5632608093041209, 0.564787964283144, 0.5663192597993595, 0.5678547070789026,
  0.5693943173783458, 0.5709381019847808, 0.572486072215902, 0.5740382394200894,
  0.5755946149764913, 0.5771552102951081, 0.5787200368168754, 0.5802891060137493,
  0.5818624293887887, 0.5834400184762408, 0.585021884841625, 0.5866080400818185,
  0.5881984958251406, 0.5897932637314379, 0.5913923554921704, 0.5929957828304968,
  0.5946035575013605, 0.5962156912915756, 0.5978321960199137, 0.5994530835371903,
  0.6010783657263515, 0.6027080545025619, 0.6043421618132907, 0.6059806996384005,
  0.6076236799902344, 0.6092711149137041, 0.6109230164863786, 0.6125793968185725,
  0.6142402680534349, 0.6159056423670379, 0.6175755319684665, 0.6192499490999082,
  0.620928906036742, 0.622612415087629, 0.6243004885946023, 0.6259931389331581,
  0.6276903785123455, 0.6293922197748583, 0.6310986751971253, 0.6328097572894031,
  0.6345254785958666, 0.6362458516947014, 0.637970889198196, 0.6397006037528346,
  0.6414350080393891, 0.6431741147730128, 0.6449179367033329, 0.6466664866145447,
  0.6484197773255048, 0.6501778216898253, 0.6519406325959679, 0.6537082229673385,
  0.6554806057623822, 0.6572577939746774, 0.659039800633032, 0.6608266388015788,
  0.6626183215798706, 0.6644148621029772, 0.6662162735415805, 0.6680225691020727,
  0.6698337620266515, 0.6716498655934177, 0.6734708931164728, 0.6752968579460171,
  0.6771277734684463, 0.6789636531064505, 0.6808045103191123, 0.6826503586020058,
  0.6845012114872953, 0.6863570825438342, 0.688217985377265, 0.690083933630119,
  0.6919549409819159, 0.6938310211492645, 0.6957121878859629, 0.6975984549830999,
  0.6994898362691555, 0.7013863456101023, 0.7032879969095076, 0.7051948041086352,
  0.7071067811865475, 0.7090239421602076, 0.7109463010845827, 0.7128738720527471,
  0.7148066691959849, 0.7167447066838943, 0.718687998724491, 0.7206365595643126,
  0.7225904034885232, 0.7245495448210174, 0.7265139979245261, 0.7284837772007218,
  0.7304588970903234, 0.7324393720732029, 0.7344252166684908, 0.7364164454346837,
  0.7384130729697496, 0.7404151139112358, 0.7424225829363761, 0.7444354947621984,
  0.7464538641456323, 0.7484777058836176, 0.7505070348132126, 0.7525418658117031,
  0.7545822137967112, 0.7566280937263048, 0.7586795205991071, 0.7607365094544071,
  0.762799075372269, 0.7648672334736434, 0.7669409989204777, 0.7690203869158282,
  0.7711054127039704, 0.7731960915705107, 0.7752924388424999, 0.7773944698885442,
  0.7795022001189185, 0.7816156449856788, 0.7837348199827764, 0.7858597406461707,
  0.7879904225539431, 0.7901268813264122, 0.7922691326262467, 0.7944171921585818,
  0.7965710756711334, 0.7987307989543135, 0.8008963778413465, 0.8030678282083853,
  0.805245165974627, 0.8074284071024302, 0.8096175675974316, 0.8118126635086642,
  0.8140137109286738, 0.8162207259936375, 0.8184337248834821, 0.820652723822003,
  0.8228777390769823, 0.8251087869603088, 0.8273458838280969, 0.8295890460808079,
  0.8318382901633681, 0.8340936325652911, 0.8363550898207981, 0.8386226785089391,
  0.8408964152537144, 0.8431763167241966, 0.8454623996346523, 0.8477546807446661,
  0.8500531768592616, 0.8523579048290255, 0.8546688815502312, 0.8569861239649629,
  0.8593096490612387, 0.8616394738731368, 0.8639756154809185, 0.8663180910111553,
  0.8686669176368529, 0.871022112577578, 0.8733836930995842, 0.8757516765159389,
  0.8781260801866495, 0.8805069215187917, 0.8828942179666361, 0.8852879870317771,
  0.8876882462632604, 0.890095013257712, 0.8925083056594671, 0.8949281411607002,
  0.8973545375015533, 0.8997875124702672, 0.9022270839033115, 0.9046732696855155,
  0.9071260877501991, 0.909585556079304, 0.9120516927035263, 0.9145245157024483,
  0.9170040432046711, 0.9194902933879467, 0.9219832844793128, 0.9244830347552253,
  0.9269895625416926, 0.92950288621441, 0.9320230241988943, 0.9345499949706191,
  0.9370838170551498, 0.93962450902828, 0.9421720895161669, 0.9447265771954693,
  0.9472879907934827, 0.9498563490882775, 0.9524316709088368, 0.9550139751351947,
  0.9576032806985735, 0.9601996065815236, 0.9628029718180622, 0.9654133954938133,
  0.9680308967461471, 0.9706554947643201, 0.9732872087896164, 0.9759260581154889,
  0.9785720620876999, 0.9812252401044634, 0.9838856116165875, 0.9865531961276168,
  0.9892280131939752, 0.9919100824251095, 0.9945994234836328, 0.9972960560854698,
];

/** Go's math.Ldexp(frac, exp), frac in [0.5, 1]: frac · 2^exp rounded once, as Go rounds it. */
function ldexp(frac: number, exp: number): number {
  // 2 ** exp alone is 0 below 2^−1074 and Infinity from 2^1024, where frac · 2^exp may not be;
  // split the exponent so every factor but the last multiplication is exact.
  if (exp > 1023) return frac * 2 ** (exp - 1023) * 2 ** 1023;
  if (exp < -1022) return frac * 2 ** (exp + 53) * 2 ** -53;
  return frac * 2 ** exp;
}

/** generic.go getBound: the upper bound of Prometheus bucket `index` at `schema` (−4..8). */
export function getBound(index: number, schema: number): number {
  if (schema < 0) {
    const exp = index * 2 ** -schema; // Go: int(idx) << −schema
    return exp === 1024 ? Number.MAX_VALUE : ldexp(1, exp);
  }
  const frac = BOUNDS_8[(index & ((1 << schema) - 1)) << (8 - schema)]!;
  const exp = (index >> schema) + 1;
  return frac === 0.5 && exp === 1025 ? Number.MAX_VALUE : ldexp(frac, exp);
}

/** One bucket as AllBucketIterator yields it (bounds already clamped to the zero threshold). */
export interface NativeBucket {
  lower: number;
  upper: number;
  count: number;
}

/** The absolute counts and Prometheus indices of one side's spans and deltas, in index order. */
function side(spans: readonly BucketSpan[], deltas: readonly number[]): { index: number[]; count: number[] } {
  const index: number[] = [];
  const count: number[] = [];
  let at = 0;
  let current = 0;
  let k = 0;
  for (const span of spans) {
    at += span.offset;
    for (let j = 0; j < span.length; j++) {
      current += deltas[k++]!;
      index.push(at++);
      count.push(current);
    }
  }
  return { index, count };
}

/** The buckets of a native histogram in AllBucketIterator's order (see the rules above). */
export function allBuckets(h: NativeHistogram): NativeBucket[] {
  const out: NativeBucket[] = [];
  const t = h.zeroThreshold;
  const neg = side(h.negativeSpan, h.negativeDelta);
  for (let k = neg.index.length - 1; k >= 0; k--) {
    const i = neg.index[k]!;
    const upper = -getBound(i - 1, h.schema);
    out.push({ lower: -getBound(i, h.schema), upper: upper > -t ? -t : upper, count: neg.count[k]! });
  }
  if (h.zeroCount > 0) out.push({ lower: -t, upper: t, count: h.zeroCount });
  const pos = side(h.positiveSpan, h.positiveDelta);
  for (let k = 0; k < pos.index.length; k++) {
    const i = pos.index[k]!;
    const lower = getBound(i - 1, h.schema);
    out.push({ lower: lower < t ? t : lower, upper: getBound(i, h.schema), count: pos.count[k]! });
  }
  return out;
}

/**
 * Prometheus 2.42's `histogram_quantile(q, x)` for the native histogram exposed for `data`
 * (quantile.go histogramQuantile): see the rules above. RangeError for a scale below −4, which
 * has no native histogram.
 */
export function nativeHistogramQuantile(data: ExponentialHistogramData, q: number): number {
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  if (data.count === 0 || Number.isNaN(q)) return NaN;
  const h = nativeHistogram(data);
  // Go's zero value of Bucket when the iterator yields nothing.
  let bucket: NativeBucket = { lower: 0, upper: 0, count: 0 };
  let count = 0;
  let rank = q * data.count;
  for (const b of allBuckets(h)) {
    bucket = b;
    count += b.count;
    if (count >= rank) break;
  }
  let { lower, upper } = bucket;
  if (lower < 0 && upper > 0) {
    if (h.negativeDelta.length === 0 && h.positiveDelta.length > 0) lower = 0;
    else if (h.positiveDelta.length === 0 && h.negativeDelta.length > 0) upper = 0;
  }
  // "Due to numerical inaccuracies": never more than the histogram's count.
  if (count > data.count) count = data.count;
  if (count < rank) return upper;
  rank -= count - bucket.count;
  return lower + (upper - lower) * (rank / bucket.count);
}

/** Prometheus's `histogram_count(x)` for the exposed native histogram: the row's count. */
export function nativeHistogramCount(data: ExponentialHistogramData): number {
  return data.count;
}

/** Prometheus's `histogram_sum(x)` for the exposed native histogram: the row's sum. */
export function nativeHistogramSum(data: ExponentialHistogramData): number {
  return data.sum;
}

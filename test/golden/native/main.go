// Command native writes the native-histogram goldens of test/golden/native/: for each case below
// it observes the values into a client_golang 1.14 histogram with NativeHistogramBucketFactor
// and NativeHistogramZeroThreshold set, gathers it through a registry, and writes
// <case>.json: the schema, zero bucket, spans and deltas, sample count and sum as client_golang
// wrote them in the dto.Metric, and the whole MetricFamily as delimited protobuf
// (expfmt.FmtProtoDelim) in hex.
//
// The goldens are committed; nothing in the test suite runs Go. To regenerate them (Debian
// bookworm: apt-get install -y golang-go golang-github-prometheus-client-golang-dev, which is
// client_golang 1.14.0 and client_model 0.3.0), from the repository root:
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go run test/golden/native/main.go test/golden/native
//
// GO111MODULE=off builds in GOPATH mode against Debian's packaged sources, so no module is
// downloaded. The JSON is written by this program; never edit it by hand.
package main

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
)

type goldenCase struct {
	Name          string
	Help          string
	Factor        float64
	ZeroThreshold float64 // NativeHistogramZeroThreshold as passed (0: the default 2^-128).
	Note          string
	Observations  []float64
}

// pow2 is 2^e, exactly.
func pow2(e int) float64 { return math.Ldexp(1, e) }

var cases = []goldenCase{
	{
		Name:   "schema0",
		Help:   "Schema 0: powers of two, gaps of 1, 2 (filled with empty buckets) and 3+ (a new span), a zero bucket at the default threshold.",
		Factor: 2,
		Observations: []float64{
			0.5, 0.75, 1, 1, 2, 3, 4, 4, 4, 32, 1000, pow2(14), 0,
			-1, -2.5, -2.5, -pow2(-3), math.Nextafter(1, 2), math.Nextafter(2, 0),
		},
	},
	{
		Name:          "schema3",
		Help:          "Schema 3 (factor 1.1), zero threshold 0.01: values at and beside it go to the zero bucket.",
		Factor:        1.1,
		ZeroThreshold: 0.01,
		Observations: []float64{
			1, 1.05, 1.09, 1.1, 1.2, 1.5, 2, 3.14159, 10, 100, 100, 100, 0.001, 0.01, -0.01, 0.0100001,
			-0.2, -7, -7, -8, 0, 1e-300, 123456.789,
		},
	},
	{
		Name:          "schema8",
		Help:          "Schema 8 (factor 1.001): narrow buckets, runs of adjacent buckets and gaps.",
		Factor:        1.001,
		ZeroThreshold: 1e-9,
		Observations: []float64{
			1, 1.001, 1.002, 1.003, 1.0027, 1.0054, 1.0081, 2, 2.0001, 1e6, 123.456, 123.456, 123.456,
			-0.5, -0.5, -0.50001, 0.75, math.Nextafter(2, 3), pow2(-20), 5e-10,
		},
	},
	{
		Name:          "schema-2",
		Help:          "Schema -2 (factor 17, as client_golang's own test): buckets of powers of 16, values of magnitude 1 or more.",
		Factor:        17,
		ZeroThreshold: prometheus.NativeHistogramZeroThresholdZero,
		Observations: []float64{
			1, 1.5, 2, 3, 3.5, 5, 6, 7, 16, 16.5, 33.33, 256, 257, 1e10, -16, -17, 0,
		},
	},
	{
		Name:   "schema-1-below-one",
		Help:   "Schema -1 (factor 4) with values below 1.",
		Factor: 4,
		Note: "client_golang before 1.16 computes a negative schema's bucket key with a truncating " +
			"division, which puts values whose key is negative one bucket too high (fixed upstream " +
			"in 'histogram: Fix bug in bucket key calculation'); our mapping follows the bucket " +
			"definition, so it differs from this golden for the values below 1/4.",
		Observations: []float64{0.3, 0.25, 0.2, 0.1, 0.05, 0.0625, 0.01, 1, 2, 4, 5},
	},
	{
		Name:   "schema3-table",
		Help:   "Schema 3 (factor 1.1) at client_golang's tabulated bucket boundaries 2*t_j and the floats beside them.",
		Factor: 1.1,
		Note: "client_golang places a value by comparing its frexp fraction with a table of float " +
			"boundaries (nativeHistogramBounds), not with 2^(j/8)/2 itself: a value between a " +
			"tabulated boundary and the exact one lands in the neighbouring bucket of the exact one " +
			"(here 2*t_1, whose t_1 is above its boundary, and the floats just above 2*t_6 and " +
			"2*t_7, whose entries are more than one float below theirs).",
		Observations: tableObservations(),
	},
}

// tableObservations are 2*t_j for client_golang's schema 3 boundaries t_j (histogram.go,
// nativeHistogramBounds[3]) and the float just above each.
func tableObservations() []float64 {
	t := []float64{
		0.5, 0.5452538663326288, 0.5946035575013605, 0.6484197773255048,
		0.7071067811865475, 0.7711054127039704, 0.8408964152537144, 0.9170040432046711,
	}
	var out []float64
	for _, x := range t {
		v := 2 * x
		out = append(out, v, math.Nextafter(v, 4))
	}
	return out
}

type span struct {
	Offset int32  `json:"offset"`
	Length uint32 `json:"length"`
}

type golden struct {
	Generator        string    `json:"generator"`
	Name             string    `json:"name"`
	Help             string    `json:"help"`
	Note             string    `json:"note,omitempty"`
	Factor           float64   `json:"factor"`
	ZeroThresholdOpt float64   `json:"zeroThresholdOption"`
	Observations     []float64 `json:"observations"`
	Schema           int32     `json:"schema"`
	ZeroThreshold    float64   `json:"zeroThreshold"`
	ZeroCount        uint64    `json:"zeroCount"`
	SampleCount      uint64    `json:"sampleCount"`
	SampleSum        float64   `json:"sampleSum"`
	PositiveSpans    []span    `json:"positiveSpans"`
	PositiveDeltas   []int64   `json:"positiveDeltas"`
	NegativeSpans    []span    `json:"negativeSpans"`
	NegativeDeltas   []int64   `json:"negativeDeltas"`
	FamilyHex        string    `json:"familyHex"`
}

func spans(in []*dto.BucketSpan) []span {
	out := []span{}
	for _, s := range in {
		out = append(out, span{s.GetOffset(), s.GetLength()})
	}
	return out
}

func deltas(in []int64) []int64 {
	if in == nil {
		return []int64{}
	}
	return in
}

func run(c goldenCase) (golden, error) {
	reg := prometheus.NewPedanticRegistry()
	h := prometheus.NewHistogram(prometheus.HistogramOpts{
		Name:                         "native_" + sanitize(c.Name),
		Help:                         c.Help,
		NativeHistogramBucketFactor:  c.Factor,
		NativeHistogramZeroThreshold: c.ZeroThreshold,
	})
	reg.MustRegister(h)
	for _, v := range c.Observations {
		h.Observe(v)
	}
	mfs, err := reg.Gather()
	if err != nil {
		return golden{}, err
	}
	if len(mfs) != 1 || len(mfs[0].Metric) != 1 {
		return golden{}, fmt.Errorf("%s: expected one family with one metric", c.Name)
	}
	var buf bytes.Buffer
	enc := expfmt.NewEncoder(&buf, expfmt.FmtProtoDelim)
	if err := enc.Encode(mfs[0]); err != nil {
		return golden{}, err
	}
	his := mfs[0].Metric[0].GetHistogram()
	return golden{
		Generator:        "client_golang 1.14.0 (Debian golang-github-prometheus-client-golang-dev), test/golden/native/main.go",
		Name:             mfs[0].GetName(),
		Help:             mfs[0].GetHelp(),
		Note:             c.Note,
		Factor:           c.Factor,
		ZeroThresholdOpt: c.ZeroThreshold,
		Observations:     c.Observations,
		Schema:           his.GetSchema(),
		ZeroThreshold:    his.GetZeroThreshold(),
		ZeroCount:        his.GetZeroCount(),
		SampleCount:      his.GetSampleCount(),
		SampleSum:        his.GetSampleSum(),
		PositiveSpans:    spans(his.GetPositiveSpan()),
		PositiveDeltas:   deltas(his.GetPositiveDelta()),
		NegativeSpans:    spans(his.GetNegativeSpan()),
		NegativeDeltas:   deltas(his.GetNegativeDelta()),
		FamilyHex:        hex.EncodeToString(buf.Bytes()),
	}, nil
}

func sanitize(s string) string {
	b := []byte(s)
	for i, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			b[i] = '_'
		}
	}
	return string(b)
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: go run main.go <output directory>")
		os.Exit(2)
	}
	for _, c := range cases {
		g, err := run(c)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		out, err := json.MarshalIndent(g, "", "  ")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		path := filepath.Join(os.Args[1], c.Name+".json")
		if err := os.WriteFile(path, append(out, '\n'), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Println(path)
	}
}

// Package gobench is the Go side of chanflux's side-by-side benchmarks: each benchmark mirrors
// a JMH workload of the benchmarks module (same shapes, same element counts per op) and is
// named Benchmark<Area>_<workload> so that the comparison (report.Compare) can pair them.
package gobench

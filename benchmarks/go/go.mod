module chanflux.io/benchmarks

go 1.19

require golang.org/x/time v0.3.0

// Debian's golang-golang-x-time-dev: the harness builds offline (GOFLAGS=-mod=mod GOPROXY=off).
replace golang.org/x/time => /usr/share/gocode/src/golang.org/x/time

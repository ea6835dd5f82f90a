// The parts of the CBLAS interface GradStep calls, declared here rather than taken from
// <cblas.h>: OpenBLAS is opened at run time (Sources/Autograd/Kernels/OpenBLAS.swift), so
// nothing may link it, and these are the only names its functions' signatures need.
// Values as in the CBLAS standard; blasint is 32-bit in Debian's libopenblas0.
#ifndef GRADSTEP_CBLAS_SHIM_H
#define GRADSTEP_CBLAS_SHIM_H

typedef enum CBLAS_ORDER { CblasRowMajor = 101, CblasColMajor = 102 } CBLAS_ORDER;
typedef enum CBLAS_TRANSPOSE { CblasNoTrans = 111, CblasTrans = 112 } CBLAS_TRANSPOSE;
typedef int blasint;

#endif

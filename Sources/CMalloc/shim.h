// glibc's allocator settings (mallopt), part of the C library itself.
#include <malloc.h>

/* A stand-in for Windows' bcryptprimitives.dll, for running tend.exe under
 * Wine 8 (Debian 12), which lacks it. Rust's standard library takes its
 * random numbers (for HashMap seeds) from ProcessPrng there; this answers
 * with advapi32's RtlGenRandom (SystemFunction036), which Wine has.
 * Test tooling only: never shipped with tend. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}

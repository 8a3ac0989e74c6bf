// zlib (Debian: zlib1g-dev), for reading and writing the .xlsx spreadsheets' zip container.
#include <zlib.h>

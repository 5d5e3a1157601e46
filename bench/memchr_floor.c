/*
 * memchr_floor.c: the speed ceiling for any X12 reader on this machine.
 *
 * Usage: memchr_floor FILE [TERMINATOR]   (TERMINATOR defaults to `~`)
 *
 * Reads FILE with read(2) in 1 MiB chunks into one buffer and counts the segment terminators with memchr.
 * It does no parsing at all, so a real reader that also finds elements, checks envelopes and validates
 * cannot be faster; bench/run.sh reports crossdock's time as a multiple of this one. Prints
 * "<segments> <bytes>" on stdout.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CHUNK (1u << 20)

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: memchr_floor FILE [TERMINATOR]\n");
        return 2;
    }
    int terminator = argc == 3 ? (unsigned char)argv[2][0] : '~';
    int fd = open(argv[1], O_RDONLY);
    if (fd < 0) {
        perror(argv[1]);
        return 2;
    }
    char *buffer = malloc(CHUNK);
    if (!buffer) {
        fprintf(stderr, "memchr_floor: out of memory\n");
        return 2;
    }
    unsigned long long segments = 0, bytes = 0;
    for (;;) {
        ssize_t n = read(fd, buffer, CHUNK);
        if (n < 0) {
            perror(argv[1]);
            return 2;
        }
        if (n == 0)
            break;
        bytes += (unsigned long long)n;
        const char *p = buffer, *end = buffer + n;
        while ((p = memchr(p, terminator, (size_t)(end - p))) != NULL) {
            segments++;
            p++;
        }
    }
    close(fd);
    free(buffer);
    printf("%llu %llu\n", segments, bytes);
    return 0;
}

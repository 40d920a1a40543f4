/* Runs a command and writes its own resource use to a file: "start_ns end_ns utime_us stime_us
 * maxrss_kb", times on CLOCK_MONOTONIC (the clock of Python's time.monotonic()).
 *
 * Why not Python's own os.wait4: Linux carries the RSS of the process that forks into the child's
 * peak RSS (the forked or vforked address space is counted before exec replaces it), so every
 * client spawned by the ~20 MB harness would show at least ~20 MB. This spawner is ~1 MB, below
 * anything measured, and it starts its clock just before fork, so its own start-up is not counted.
 *
 *   spawn OUT CMD [ARGS...]    exits with CMD's status (128+signal if killed)
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: spawn OUT CMD [ARGS...]\n");
        return 125;
    }
    FILE *out = fopen(argv[1], "we"); /* close-on-exec: the client must not inherit it */
    if (!out) {
        perror("spawn: OUT");
        return 125;
    }
    long long start = now_ns();
    pid_t pid = fork();
    if (pid < 0) {
        perror("spawn: fork");
        return 125;
    }
    if (pid == 0) {
        execvp(argv[2], argv + 2);
        perror("spawn: exec");
        _exit(127);
    }
    int status = 0;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) < 0) {
        perror("spawn: wait4");
        return 125;
    }
    long long end = now_ns();
    fprintf(out, "%lld %lld %lld %lld %ld\n", start, end,
            (long long)ru.ru_utime.tv_sec * 1000000LL + ru.ru_utime.tv_usec,
            (long long)ru.ru_stime.tv_sec * 1000000LL + ru.ru_stime.tv_usec, ru.ru_maxrss);
    fclose(out);
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return 125;
}

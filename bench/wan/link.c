/*
 * A wide-area link emulated in user space between two TUN devices (see link.py for the model).
 *
 * The kernel here has no netem qdisc (CONFIG_NET_SCH_NETEM is not built), so a program plays the
 * link: it owns cpk-wan0 (in the namespace named by --near) and cpk-wan1 (in the one named by
 * --far) and forwards each IP packet from one to the other after a fixed one-way delay, dropping a
 * packet at random with probability --loss and serialising packets at --rate bits per second
 * behind a tail-drop queue of --queue-ms. Both devices vanish when this process ends.
 *
 * link.py is the same model in Python; it tops out near 45 MiB/s (one core spent per packet),
 * well below the 1 Gbit/s the bench asks for, so up.sh builds and runs this one when a C
 * compiler is present. Build: cc -O2 -o link link.c
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#define SLOTS 32768

struct packet {
	double due;
	uint16_t length;
};

struct direction {
	int src, dst;
	double free_at;
	size_t head, count;
	struct packet meta[SLOTS];
	unsigned char *data; /* SLOTS × slot_size bytes */
	unsigned long packets, lost, queue_drops, ring_drops, write_errors;
};

static double delay_s = 0.020, loss = 0.0001, byte_time = 8 / 1e9, queue_limit = 0.050;
static size_t slot_size = 2048;
static volatile sig_atomic_t stopping = 0;

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

static void enter(const char *path)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0 || setns(fd, CLONE_NEWNET) != 0) {
		perror(path);
		exit(1);
	}
	close(fd);
}

static int open_tun(const char *name)
{
	struct ifreq request;
	int fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK);
	if (fd < 0) {
		perror("/dev/net/tun");
		exit(1);
	}
	memset(&request, 0, sizeof request);
	request.ifr_flags = IFF_TUN | IFF_NO_PI;
	strncpy(request.ifr_name, name, IFNAMSIZ - 1);
	if (ioctl(fd, TUNSETIFF, &request) != 0) {
		perror(name);
		exit(1);
	}
	return fd;
}

static void receive(struct direction *way, double now)
{
	for (;;) {
		size_t slot = (way->head + way->count) % SLOTS;
		unsigned char *buffer = way->data + slot * slot_size;
		ssize_t n;
		double start;
		if (way->count == SLOTS) {
			/* Ring full: read into a scratch slot and count the drop. */
			static unsigned char scratch[65536];
			n = read(way->src, scratch, sizeof scratch);
			if (n < 0)
				return;
			way->packets++;
			way->ring_drops++;
			continue;
		}
		n = read(way->src, buffer, slot_size);
		if (n < 0)
			return;
		way->packets++;
		if (drand48() < loss) {
			way->lost++;
			continue;
		}
		start = now > way->free_at ? now : way->free_at;
		if (start - now > queue_limit) {
			way->queue_drops++;
			continue;
		}
		way->free_at = start + n * byte_time;
		way->meta[slot].due = way->free_at + delay_s;
		way->meta[slot].length = (uint16_t)n;
		way->count++;
	}
}

static void release(struct direction *way, double now)
{
	while (way->count && way->meta[way->head].due <= now) {
		size_t slot = way->head;
		if (write(way->dst, way->data + slot * slot_size, way->meta[slot].length) < 0)
			way->write_errors++;
		way->head = (way->head + 1) % SLOTS;
		way->count--;
	}
}

static void report(const char *name, const struct direction *way)
{
	fprintf(stderr,
		"link %s: {'packets': %lu, 'lost': %lu, 'queue_drops': %lu, 'ring_drops': %lu, "
		"'write_errors': %lu}\n",
		name, way->packets, way->lost, way->queue_drops, way->ring_drops, way->write_errors);
}

static void on_signal(int signal_number)
{
	(void)signal_number;
	stopping = 1;
}

static const char *option(int argc, char **argv, const char *name, const char *fallback)
{
	for (int i = 1; i + 1 < argc; i++)
		if (strcmp(argv[i], name) == 0)
			return argv[i + 1];
	return fallback;
}

int main(int argc, char **argv)
{
	const char *near = option(argc, argv, "--near", NULL), *far = option(argc, argv, "--far", NULL);
	const char *ready = option(argc, argv, "--ready", NULL);
	char path[256];
	int home, mtu;
	static struct direction ways[2];
	struct sigaction action;

	if (!near || !far) {
		fprintf(stderr, "usage: link --near NS --far NS [--delay-ms 20] [--loss 0.0001] "
				"[--rate 1e9] [--queue-ms 50] [--mtu 1500] [--ready FILE]\n");
		return 2;
	}
	delay_s = atof(option(argc, argv, "--delay-ms", "20")) / 1000;
	loss = atof(option(argc, argv, "--loss", "0.0001"));
	byte_time = 8 / atof(option(argc, argv, "--rate", "1e9"));
	queue_limit = atof(option(argc, argv, "--queue-ms", "50")) / 1000;
	mtu = atoi(option(argc, argv, "--mtu", "1500"));
	slot_size = (size_t)(mtu > 0 ? mtu : 1500) + 64;
	srand48((long)getpid() ^ (long)time(NULL));

	home = open("/proc/self/ns/net", O_RDONLY);
	snprintf(path, sizeof path, "/var/run/netns/%s", near);
	enter(path);
	ways[0].src = ways[1].dst = open_tun("cpk-wan0");
	snprintf(path, sizeof path, "/var/run/netns/%s", far);
	enter(path);
	ways[0].dst = ways[1].src = open_tun("cpk-wan1");
	if (setns(home, CLONE_NEWNET) != 0) {
		perror("setns home");
		return 1;
	}
	for (int i = 0; i < 2; i++) {
		ways[i].data = malloc(SLOTS * slot_size);
		if (!ways[i].data) {
			perror("malloc");
			return 1;
		}
	}
	if (ready) {
		FILE *file = fopen(ready, "w");
		if (!file) {
			perror(ready);
			return 1;
		}
		fprintf(file, "%d", (int)getpid());
		fclose(file);
	}

	memset(&action, 0, sizeof action);
	action.sa_handler = on_signal;
	sigaction(SIGTERM, &action, NULL);
	sigaction(SIGINT, &action, NULL);

	while (!stopping) {
		struct pollfd fds[2] = { { ways[0].src, POLLIN, 0 }, { ways[1].src, POLLIN, 0 } };
		double now = now_s(), next = now + 1.0;
		struct timespec timeout;
		for (int i = 0; i < 2; i++)
			if (ways[i].count && ways[i].meta[ways[i].head].due < next)
				next = ways[i].meta[ways[i].head].due;
		if (next < now)
			next = now;
		timeout.tv_sec = (time_t)(next - now);
		timeout.tv_nsec = (long)((next - now - timeout.tv_sec) * 1e9);
		if (ppoll(fds, 2, &timeout, NULL) < 0 && errno != EINTR)
			break;
		now = now_s();
		for (int i = 0; i < 2; i++)
			if (fds[i].revents & POLLIN)
				receive(&ways[i], now);
		now = now_s();
		release(&ways[0], now);
		release(&ways[1], now);
	}
	report("out", &ways[0]);
	report("back", &ways[1]);
	return 0;
}

// SPDX-License-Identifier: MIT
// link_serial.c: opens serial devices (libserialport) and pseudo-terminals (termios) as raw,
// non-blocking fds; translates libserialport and errno codes into ERR_* and text.

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <libserialport.h>

#include "err.h"
#include "link.h"

#define PTY_SLAVE_MAJOR_MIN (136) // Linux UNIX98 pty slaves use majors 136..143
#define PTY_SLAVE_MAJOR_MAX (143)

static int fail(int code, char *err, size_t err_len, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, err_len, fmt, ap);
    va_end(ap);
    return code;
}

static speed_t speed_of(unsigned baud) {
    static const struct {
        unsigned baud;
        speed_t speed;
    } speeds[] = {
        {9600, B9600},       {19200, B19200},     {38400, B38400},     {57600, B57600},
        {115200, B115200},   {230400, B230400},   {460800, B460800},   {921600, B921600},
        {1000000, B1000000}, {1500000, B1500000}, {2000000, B2000000},
    };
    for (size_t i = 0; i < sizeof(speeds) / sizeof(speeds[0]); i++) {
        if (speeds[i].baud == baud) {
            return speeds[i].speed;
        }
    }
    return B115200; // only reached for ptys, where the speed means nothing
}

static bool is_pty_slave(const char *path) {
    struct stat st;
    if (stat(path, &st) < 0 || !S_ISCHR(st.st_mode)) {
        return false;
    }
    unsigned major = (unsigned)(st.st_rdev >> 8) & 0xfff;
    return major >= PTY_SLAVE_MAJOR_MIN && major <= PTY_SLAVE_MAJOR_MAX;
}

static int pty_open(const struct board_config *cfg, char *err, size_t err_len) {
    int fd = open(cfg->path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        int code = errno == ENOENT || errno == ENXIO || errno == EIO ? ERR_NOTFOUND : ERR_IO;
        return fail(code, err, err_len, "%s: %s", cfg->path, strerror(errno));
    }
    struct termios t;
    if (!isatty(fd) || tcgetattr(fd, &t) < 0) {
        int e = errno;
        close(fd);
        return fail(ERR_IO, err, err_len, "%s: not a terminal (%s)", cfg->path, strerror(e));
    }
    cfmakeraw(&t);
    t.c_cflag |= CLOCAL | CREAD;
    t.c_cc[VMIN] = 1;
    t.c_cc[VTIME] = 0;
    cfsetspeed(&t, speed_of(cfg->baud));
    if (tcsetattr(fd, TCSANOW, &t) < 0) {
        int e = errno;
        close(fd);
        return fail(ERR_IO, err, err_len, "%s: tcsetattr: %s", cfg->path, strerror(e));
    }
    return fd;
}

// Turns a libserialport result into ERR_* with its message; [what] names the failed step.
static int sp_fail(enum sp_return r, const char *path, const char *what, char *err,
                   size_t err_len) {
    char *msg = r == SP_ERR_FAIL ? sp_last_error_message() : NULL;
    int code = r == SP_ERR_ARG ? ERR_NOTFOUND : ERR_IO;
    fail(code, err, err_len, "%s: %s: %s", path, what, msg != NULL ? msg : "libserialport error");
    sp_free_error_message(msg);
    return code;
}

static enum sp_return configure(struct sp_port *port, const struct board_config *cfg,
                                const char **what) {
    enum sp_return r;
    if ((r = sp_set_baudrate(port, (int)cfg->baud)) != SP_OK) {
        *what = "baud rate";
    } else if ((r = sp_set_bits(port, 8)) != SP_OK || (r = sp_set_parity(port, SP_PARITY_NONE)) ||
               (r = sp_set_stopbits(port, 1)) != SP_OK) {
        *what = "8N1";
    } else if ((r = sp_set_flowcontrol(port, SP_FLOWCONTROL_NONE)) != SP_OK) {
        *what = "flow control";
    } else if (cfg->modem == MODEM_DEASSERT && ((r = sp_set_dtr(port, SP_DTR_OFF)) != SP_OK ||
                                                (r = sp_set_rts(port, SP_RTS_OFF)) != SP_OK)) {
        *what = "DTR/RTS";
    }
    return r;
}

static int serial_open(const struct board_config *cfg, char *err, size_t err_len) {
    struct sp_port *port = NULL;
    enum sp_return r = sp_get_port_by_name(cfg->path, &port);
    if (r != SP_OK) {
        if (is_pty_slave(cfg->path)) {
            return pty_open(cfg, err, err_len); // ptys have no sysfs entry
        }
        return access(cfg->path, F_OK) == 0
                   ? sp_fail(r, cfg->path, "lookup", err, err_len)
                   : fail(ERR_NOTFOUND, err, err_len, "%s: no such device", cfg->path);
    }
    const char *what = "open";
    int fd = -1;
    if ((r = sp_open(port, SP_MODE_READ_WRITE)) == SP_OK &&
        (r = configure(port, cfg, &what)) == SP_OK &&
        (r = sp_get_port_handle(port, &fd)) == SP_OK) {
        // lws will own and close the fd: free the port struct without sp_close.
        fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
        fcntl(fd, F_SETFD, FD_CLOEXEC);
        sp_free_port(port);
        return fd;
    }
    int code = sp_fail(r, cfg->path, what, err, err_len);
    sp_close(port);
    sp_free_port(port);
    return code;
}

static int set_lines(int fd, int dtr, int rts, char *err, size_t err_len) {
    int set = (dtr == 1 ? TIOCM_DTR : 0) | (rts == 1 ? TIOCM_RTS : 0);
    int clear = (dtr == 0 ? TIOCM_DTR : 0) | (rts == 0 ? TIOCM_RTS : 0);
    int now;
    if ((set == 0 && clear == 0 && ioctl(fd, TIOCMGET, &now) < 0) || // both -1: does it have any?
        (set != 0 && ioctl(fd, TIOCMBIS, &set) < 0) ||
        (clear != 0 && ioctl(fd, TIOCMBIC, &clear) < 0)) {
        int code = errno == ENOTTY || errno == EINVAL ? ERR_NOTSUP : ERR_IO;
        return fail(code, err, err_len, "modem lines: %s", strerror(errno));
    }
    return 0;
}

const struct link_ops link_serial_ops = {"serial", serial_open, set_lines};
const struct link_ops link_pty_ops = {"pty", pty_open, set_lines};

ssize_t link_read(int fd, void *buf, size_t len, char *err, size_t err_len) {
    ssize_t n = read(fd, buf, len);
    if (n > 0) {
        return n;
    }
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
        return ERR_AGAIN;
    }
    // EIO: the pty's other side closed or the USB device was unplugged; 0: end of file.
    return fail(ERR_CLOSED, err, err_len, "%s", n == 0 ? "end of file" : strerror(errno));
}

ssize_t link_write(int fd, const void *buf, size_t len, char *err, size_t err_len) {
    ssize_t n = write(fd, buf, len);
    if (n >= 0) {
        return n;
    }
    if (errno == EAGAIN || errno == EINTR) {
        return 0;
    }
    return fail(ERR_CLOSED, err, err_len, "%s", strerror(errno));
}

int link_scan(void (*found)(void *ctx, const struct link_port *p), void *ctx, char *err,
              size_t err_len) {
    struct sp_port **ports;
    enum sp_return r = sp_list_ports(&ports);
    if (r != SP_OK) {
        return sp_fail(r, "serial ports", "list", err, err_len);
    }
    int count = 0;
    for (struct sp_port **p = ports; *p != NULL; p++) {
        int vid, pid;
        if (sp_get_port_transport(*p) != SP_TRANSPORT_USB ||
            sp_get_port_usb_vid_pid(*p, &vid, &pid) != SP_OK) {
            continue; // e.g. /dev/ttyS0, the machine's console: never touched
        }
        struct link_port lp = {sp_get_port_name(*p), (uint16_t)vid, (uint16_t)pid,
                               sp_get_port_usb_serial(*p), sp_get_port_description(*p)};
        found(ctx, &lp);
        count++;
    }
    sp_free_port_list(ports);
    return count;
}

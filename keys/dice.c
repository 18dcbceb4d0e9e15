// SPDX-License-Identifier: BSD-2-Clause
/*
 * dice: the device's immutable boot ROM and its provisioning, for QEMU
 * (keys/README.md). scripts/qemu.sh is the "hardware": before reset it runs
 * `dice launch`, which measures the monitor in the -bios image, derives the
 * alias key from the device secret (measure/dice.h) and writes the alias
 * key and its certificate, signed by the DeviceID key, into the image's
 * monitor region. The device secret never leaves the state directory.
 *
 *   dice provision DIR                  once per device: DIR/uds.bin (0600),
 *                                       DIR/deviceid.pub.pem, DIR/deviceid.crt.pem
 *   dice launch DIR IMAGE OPTIONS OUT   OUT = IMAGE with the alias key and
 *                                       certificate (OUT.crt.pem: the certificate)
 *   dice fwid IMAGE                     the monitor's FWID, hex
 *   dice secrets DIR IMAGE OPTIONS      every secret, hex (tests look for them)
 *
 * Exit 0; 1 with one line naming what is wrong; 2 for a usage error
 * (docs/usage.md, "Exit status"). Nothing half-written. --help and
 * --version anywhere on the line.
 */
#include "measure/dice.h"
#include "../include/rampart/dice_blob.h"
#include "../include/rampart/layout.h"
#include "../include/rampart/measure.h"
#include "../include/rampart/version.h"
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <mbedtls/pem.h>
#include <mbedtls/pk.h>
#include <mbedtls/platform_util.h>
#include <mbedtls/sha256.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#define MONITOR_REGION ((unsigned long)MONITOR_SIZE) /* scripts/mkimage.sh */
#define TRAILER_MAGIC "RPIMAGE1"
#define MAX_IMAGE (2 * MONITOR_REGION + 16)
#define MAX_OPTIONS 4096

static mbedtls_ctr_drbg_context drbg;

static int __attribute__((noreturn, format(printf, 1, 2)))
die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "dice: ");
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(1);
}

static size_t read_file(const char *path, uint8_t *buf, size_t max)
{
	FILE *f = fopen(path, "rb");
	size_t n;

	if (!f)
		die("cannot read %s", path);
	n = fread(buf, 1, max, f);
	if (ferror(f) || fgetc(f) != EOF)
		die("%s is unreadable or too large", path);
	fclose(f);
	return n;
}

/* Write @path whole or not at all: a temporary file, then rename. */
static void write_file(const char *path, const void *buf, size_t len,
		       mode_t mode)
{
	char tmp[4096];
	int fd;

	snprintf(tmp, sizeof(tmp), "%s.tmp.%d", path, (int)getpid());
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, mode);
	if (fd < 0 || write(fd, buf, len) != (ssize_t)len || fsync(fd) ||
	    close(fd) || rename(tmp, path)) {
		unlink(tmp);
		die("cannot write %s", path);
	}
}

static void path_in(char *out, size_t size, const char *dir, const char *name)
{
	if ((size_t)snprintf(out, size, "%s/%s", dir, name) >= size)
		die("path too long: %s", dir);
}

static void read_uds(const char *dir, uint8_t uds[DICE_SECRET_SIZE])
{
	char path[4096];

	path_in(path, sizeof(path), dir, "uds.bin");
	if (read_file(path, uds, DICE_SECRET_SIZE) != DICE_SECRET_SIZE)
		die("%s is not a 32-byte device secret (make provision)", path);
}

static void write_pem_cert(const char *path, const uint8_t *der, size_t len)
{
	uint8_t pem[4096];
	size_t olen;

	if (mbedtls_pem_write_buffer("-----BEGIN CERTIFICATE-----\n",
				     "-----END CERTIFICATE-----\n", der, len,
				     pem, sizeof(pem), &olen))
		die("mbedTLS: cannot encode a certificate as PEM");
	write_file(path, pem, olen - 1, 0644); /* olen counts the NUL */
}

static void derive_for(const char *dir, const uint8_t *fwid,
		       const uint8_t *config, struct dice_secrets *s)
{
	struct dice_inputs in;

	read_uds(dir, in.uds);
	memcpy(in.fwid, fwid, DICE_SECRET_SIZE);
	memcpy(in.config, config, DICE_SECRET_SIZE);
	if (dice_derive(&in, s))
		die("mbedTLS: key derivation failed");
	mbedtls_platform_zeroize(&in, sizeof(in));
}

static int provision(const char *dir)
{
	uint8_t uds[DICE_SECRET_SIZE], zero[DICE_SECRET_SIZE] = { 0 };
	uint8_t der[1024], pem[512];
	char path[4096];
	struct dice_secrets s;
	mbedtls_pk_context pk;
	int fd, len;

	if (mkdir(dir, 0700) && errno != EEXIST)
		die("cannot create %s", dir);
	path_in(path, sizeof(path), dir, "uds.bin");
	/* never replace a device's secret: its DeviceID is registered */
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd >= 0) {
		if (getrandom(uds, sizeof(uds), 0) != (ssize_t)sizeof(uds) ||
		    write(fd, uds, sizeof(uds)) != (ssize_t)sizeof(uds) ||
		    close(fd)) {
			unlink(path);
			die("cannot write %s", path);
		}
		printf("dice: provisioned a new device in %s\n", dir);
	} else if (errno != EEXIST) {
		die("cannot create %s", path);
	}
	derive_for(dir, zero, zero, &s); /* the DeviceID needs the UDS only */
	mbedtls_pk_init(&pk);
	if (dice_key(&pk, s.deviceid, mbedtls_ctr_drbg_random, &drbg))
		die("mbedTLS: cannot make the DeviceID key");
	len = dice_cert_write(&pk, &pk, NULL, NULL, der, sizeof(der),
			      mbedtls_ctr_drbg_random, &drbg);
	if (len < 0)
		die("mbedTLS: cannot write the DeviceID certificate");
	path_in(path, sizeof(path), dir, "deviceid.crt.pem");
	write_pem_cert(path, der + sizeof(der) - len, (size_t)len);
	if (mbedtls_pk_write_pubkey_pem(&pk, pem, sizeof(pem)))
		die("mbedTLS: cannot encode the DeviceID public key");
	path_in(path, sizeof(path), dir, "deviceid.pub.pem");
	write_file(path, pem, strlen((char *)pem), 0644);
	mbedtls_pk_free(&pk);
	mbedtls_platform_zeroize(&s, sizeof(s));
	mbedtls_platform_zeroize(uds, sizeof(uds));
	return 0;
}

/* The monitor's FWID: its MEASURE_MONITOR region digest, over the identity
 * size the image's header gives (docs/evidence.md, section 1). */
static void image_fwid(const uint8_t *img, size_t len, uint8_t fwid[32])
{
	uint64_t ident = measure_get_le(img + MONITOR_IDENTITY_SIZE_OFFSET, 8);

	if (len < MONITOR_REGION ||
	    memcmp(img + MONITOR_REGION - 16, TRAILER_MAGIC, 8) != 0)
		die("the image is not a Rampart -bios image (scripts/mkimage.sh)");
	if (ident < 16 || ident > DICE_BLOB_OFFSET)
		die("the image's identity size is out of range");
	measure_region(MEASURE_MONITOR, MONITOR_BASE, ident, img, fwid);
}

/* The configuration: the run options but the per-boot inputs (nonce=,
 * payload_size=), in order, each with its newline. */
static void options_digest(const char *path, uint8_t out[32])
{
	static uint8_t text[MAX_OPTIONS + 1];
	mbedtls_sha256_context c;
	size_t n = read_file(path, text, MAX_OPTIONS), at = 0, end;

	mbedtls_sha256_init(&c);
	mbedtls_sha256_starts_ret(&c, 0);
	while (at < n) {
		for (end = at; end < n && text[end] != '\n'; end++)
			;
		if (strncmp((char *)text + at, "nonce=", 6) != 0 &&
		    strncmp((char *)text + at, "payload_size=", 13) != 0)
			mbedtls_sha256_update_ret(&c, text + at, end - at + 1);
		at = end + 1;
	}
	mbedtls_sha256_finish_ret(&c, out);
	mbedtls_sha256_free(&c);
}

static void print_hex(const char *name, const uint8_t *p, size_t n)
{
	printf("%s ", name);
	while (n--)
		printf("%02x", *p++);
	putchar('\n');
}

/* The image (into @img, its length returned), its FWID and configuration
 * digest, and the secrets the device derives for them. */
static size_t derive_launch(const char *dir, const char *image,
			    const char *options, uint8_t *img, size_t max,
			    uint8_t fwid[32], uint8_t config[32],
			    struct dice_secrets *s)
{
	size_t len = read_file(image, img, max);

	image_fwid(img, len, fwid);
	options_digest(options, config);
	derive_for(dir, fwid, config, s);
	return len;
}

static int secrets(const char *dir, const char *image, const char *options)
{
	static uint8_t img[MAX_IMAGE];
	uint8_t fwid[32], config[32];
	struct dice_secrets s;

	derive_launch(dir, image, options, img, sizeof(img), fwid, config, &s);
	print_hex("deviceid", s.deviceid, sizeof(s.deviceid));
	print_hex("cdi", s.cdi, sizeof(s.cdi));
	print_hex("alias", s.alias, sizeof(s.alias));
	mbedtls_platform_zeroize(&s, sizeof(s));
	return 0;
}

static int launch(const char *dir, const char *image, const char *options,
		  const char *out)
{
	static uint8_t img[MAX_IMAGE];
	uint8_t fwid[32], config[32], der[DICE_CERT_MAX + 256], *blob;
	char path[4096];
	struct dice_secrets s;
	mbedtls_pk_context dev, alias;
	size_t len, i;
	int cert_len;

	len = derive_launch(dir, image, options, img, sizeof(img), fwid, config,
			    &s);
	blob = img + DICE_BLOB_OFFSET;
	for (i = 0; i < DICE_BLOB_SIZE; i++)
		if (blob[i])
			die("%s has data where the device identity goes", image);
	mbedtls_pk_init(&dev);
	mbedtls_pk_init(&alias);
	if (dice_key(&dev, s.deviceid, mbedtls_ctr_drbg_random, &drbg) ||
	    dice_key(&alias, s.alias, mbedtls_ctr_drbg_random, &drbg))
		die("mbedTLS: cannot make a P-256 key");
	cert_len = dice_cert_write(&alias, &dev, fwid, config, der, sizeof(der),
				   mbedtls_ctr_drbg_random, &drbg);
	if (cert_len < 0 || cert_len > DICE_CERT_MAX)
		die("the alias certificate is over DICE_CERT_MAX");
	memcpy(blob, DICE_BLOB_MAGIC, 8);
	memcpy(blob + 8, s.alias, DICE_SECRET_SIZE);
	measure_put_le(blob + 40, (uint64_t)cert_len, 4);
	memcpy(blob + DICE_BLOB_HEADER, der + sizeof(der) - cert_len,
	       (size_t)cert_len);
	write_file(out, img, len, 0600);
	if ((size_t)snprintf(path, sizeof(path), "%s.crt.pem", out) >=
	    sizeof(path))
		die("path too long: %s", out);
	write_pem_cert(path, der + sizeof(der) - cert_len, (size_t)cert_len);
	mbedtls_platform_zeroize(blob, DICE_BLOB_SIZE);
	mbedtls_platform_zeroize(&s, sizeof(s));
	mbedtls_pk_free(&dev);
	mbedtls_pk_free(&alias);
	return 0;
}

static const char help[] = "usage: dice provision DIR\n"
			   "       dice launch DIR IMAGE OPTIONS OUT\n"
			   "       dice fwid IMAGE\n"
			   "       dice secrets DIR IMAGE OPTIONS\n"
			   "       dice --help | --version\n"
			   "The device's boot ROM and provisioning for QEMU "
			   "(keys/README.md).\n"
			   "Exit status: 0 done, 1 failed (one line says why), "
			   "2 usage.\n";

/* --help or --version anywhere: answered before anything else runs. */
static bool info_option(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(help, stdout);
			return true;
		}
		if (!strcmp(argv[i], "--version")) {
			printf("dice (Rampart) %s\n", RAMPART_VERSION);
			return true;
		}
	}
	return false;
}

static int usage(int argc, char **argv)
{
	if (argc < 2)
		fprintf(stderr, "dice: no command (dice --help)\n");
	else if (argv[1][0] == '-')
		fprintf(stderr, "dice: unknown option %s (dice --help)\n",
			argv[1]);
	else
		fprintf(stderr,
			"dice: %s: unknown command or wrong number of "
			"arguments (dice --help)\n",
			argv[1]);
	return 2;
}

int main(int argc, char **argv)
{
	mbedtls_entropy_context entropy;
	static uint8_t img[MAX_IMAGE];
	uint8_t fwid[32];

	if (info_option(argc, argv))
		return 0;
	mbedtls_entropy_init(&entropy);
	mbedtls_ctr_drbg_init(&drbg);
	if (mbedtls_ctr_drbg_seed(&drbg, mbedtls_entropy_func, &entropy,
				  (const uint8_t *)"rampart dice", 12))
		die("no entropy");
	if (argc == 3 && !strcmp(argv[1], "provision"))
		return provision(argv[2]);
	if (argc == 6 && !strcmp(argv[1], "launch"))
		return launch(argv[2], argv[3], argv[4], argv[5]);
	if (argc == 5 && !strcmp(argv[1], "secrets"))
		return secrets(argv[2], argv[3], argv[4]);
	if (argc == 3 && !strcmp(argv[1], "fwid")) {
		image_fwid(img, read_file(argv[2], img, sizeof(img)), fwid);
		print_hex("fwid", fwid, sizeof(fwid));
		return 0;
	}
	return usage(argc, argv);
}

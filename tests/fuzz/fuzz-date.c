/* fuzz-date.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bantin-date.h"

#include "fuzz-common.h"

/* Feeds give dates as free text: RFC 822 in its many wild variants and
 * ISO 8601. Whatever bantin_date_parse() accepts must survive the rest of
 * the date API: it is sorted into a local day, that day's range must hold
 * it, and its RFC 3339 form must parse back to the same instant. */

static GTimeZone *zones[3];

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  zones[0] = bantin_date_get_timezone ();
  zones[1] = g_time_zone_new_utc ();
  zones[2] = g_time_zone_new_identifier ("America/New_York");
  if (zones[2] == NULL)
    zones[2] = g_time_zone_new_offset (-5 * 3600);
  return 0;
}

static void
check_instant (gint64 t)
{
  g_autofree char *rfc3339 = bantin_date_format_rfc3339 (t);
  gint64 again = G_MININT64;

  FUZZ_CHECK (rfc3339 != NULL);
  FUZZ_CHECK (g_utf8_validate (rfc3339, -1, NULL));

  /* Four-digit years are what RFC 3339 can write. */
  if (t >= G_GINT64_CONSTANT (-62135596800) && t <= G_GINT64_CONSTANT (253402300799))
    {
      FUZZ_CHECK (bantin_date_parse (rfc3339, &again));
      FUZZ_CHECK (again == t);
    }

  for (guint i = 0; i < G_N_ELEMENTS (zones); i++)
    {
      BantinDay day = bantin_date_local_day (t, zones[i]);
      gint64 start = 0, end = 0;

      if (bantin_date_day_range (day, zones[i], &start, &end))
        {
          g_autofree char *iso = bantin_day_format_iso (day);
          BantinDay parsed = 0;

          FUZZ_CHECK (start <= t && t < end);
          FUZZ_CHECK (end - start >= 22 * 3600 && end - start <= 26 * 3600);
          FUZZ_CHECK (iso != NULL);
          FUZZ_CHECK (bantin_day_parse (iso, &parsed) && parsed == day);
          if (day != 99991231)
            FUZZ_CHECK (bantin_day_add (bantin_day_add (day, 1), -1) == day);
        }
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  gint64 t = G_MININT64;
  BantinDay day = 0;

  if (size > 4096)
    return 0;

  text = fuzz_strdup (data, size);

  if (bantin_date_parse (text, &t))
    check_instant (t);
  else
    FUZZ_CHECK (t == G_MININT64);

  if (bantin_day_parse (text, &day))
    {
      g_autofree char *iso = bantin_day_format_iso (day);
      gint64 start = 0, end = 0;
      g_autofree char *moved_iso = NULL;
      BantinDay moved;
      int n = 0;

      FUZZ_CHECK (iso != NULL);
      FUZZ_CHECK (bantin_date_day_range (day, NULL, &start, &end));
      FUZZ_CHECK (bantin_date_local_day (start, NULL) == day);
      FUZZ_CHECK (bantin_date_local_day (end - 1, NULL) == day);

      /* A step of up to ±100 years, taken from the input's first bytes. */
      if (size >= 2)
        n = ((int) data[0] << 8 | data[1]) - 32768;
      moved = bantin_day_add (day, n);
      moved_iso = bantin_day_format_iso (moved);
      if (moved_iso != NULL)
        FUZZ_CHECK (bantin_day_add (moved, -n) == day);
    }

  return 0;
}

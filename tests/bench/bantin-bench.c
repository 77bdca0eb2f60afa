/* bantin-bench.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The benchmark helper that build-aux/bench.sh drives:
 *
 *   bantin-bench serve --feeds N --items M [--port P] [--cache-dir DIR]
 *   bantin-bench query (--data-dir DIR | --db FILE) [--repeat N]
 *   bantin-bench fill (--data-dir DIR | --db FILE) --articles N [--short]
 *
 * `serve` makes a synthetic corpus of Vietnamese news (N feeds of M items,
 * half RSS 2.0 with content:encoded, half Atom, 1–5 KB of HTML each, dated
 * over three years in +07:00) and serves it on 127.0.0.1 with validators,
 * so that a second sync is all 304. The corpus is a pure function of (feed,
 * item, M): the same on every run and every machine, whatever the port.
 *
 * `query` times the store's reads on an existing cache; `fill` writes
 * articles straight through the store API, for stores too big to sync in
 * a benchmark's time. */

#include "config.h"

#include <glib-unix.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bantin-core.h"

/* The corpus covers the three years that end here (23:59:59 +07:00). */
#define CORPUS_LAST_YEAR 2025
#define CORPUS_DAYS      1096
#define CORPUS_TZ_OFFSET (7 * 3600)

/* A seed of our own, so that changing it changes every article. */
#define CORPUS_SEED G_GUINT64_CONSTANT (0x62616e74696e3031)

#define CORPUS_SERVED 1
#define CORPUS_FILL   2

/* The database file inside a --data-dir, as the CLI names it. */
#define STORE_FILE_NAME "bantin.db"

/* --- A small deterministic PRNG (splitmix64) --------------------------- */

typedef struct
{
  guint64 state;
} Rng;

static guint64
rng_next (Rng *rng)
{
  guint64 z;

  rng->state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  z = rng->state;
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static void
rng_seed (Rng     *rng,
          guint64  a,
          guint64  b,
          guint64  c)
{
  rng->state = CORPUS_SEED ^ (a * G_GUINT64_CONSTANT (0x100000001b3));
  rng_next (rng);
  rng->state ^= b * G_GUINT64_CONSTANT (0xc2b2ae3d27d4eb4f);
  rng_next (rng);
  rng->state ^= c * G_GUINT64_CONSTANT (0x165667b19e3779f9);
  rng_next (rng);
}

static guint
rng_below (Rng   *rng,
           guint  n)
{
  return (guint) (rng_next (rng) % n);
}

static double
rng_unit (Rng *rng)
{
  return (double) (rng_next (rng) >> 11) / 9007199254740992.0;
}

static gboolean
rng_chance (Rng    *rng,
            double  p)
{
  return rng_unit (rng) < p;
}

#define PICK(rng, words) (words[rng_below ((rng), G_N_ELEMENTS (words))])

/* --- Vocabulary ---------------------------------------------------------- */

static const char * const provinces[] = {
  "Hà Giang", "Cao Bằng", "Lào Cai", "Điện Biên", "Lai Châu", "Sơn La",
  "Yên Bái", "Tuyên Quang", "Lạng Sơn", "Quảng Ninh", "Bắc Giang", "Phú Thọ",
  "Thái Nguyên", "Bắc Kạn", "Vĩnh Phúc", "Bắc Ninh", "Hải Dương", "Hưng Yên",
  "Thái Bình", "Hà Nam", "Nam Định", "Ninh Bình", "Thanh Hóa", "Nghệ An",
  "Hà Tĩnh", "Quảng Bình", "Quảng Trị", "Thừa Thiên Huế", "Quảng Nam",
  "Quảng Ngãi", "Bình Định", "Phú Yên", "Khánh Hòa", "Ninh Thuận",
  "Bình Thuận", "Kon Tum", "Gia Lai", "Đắk Lắk", "Đắk Nông", "Lâm Đồng",
  "Bình Phước", "Tây Ninh", "Bình Dương", "Đồng Nai", "Bà Rịa - Vũng Tàu",
  "Long An", "Tiền Giang", "Bến Tre", "Trà Vinh", "Vĩnh Long", "Đồng Tháp",
  "An Giang", "Kiên Giang", "Hậu Giang", "Sóc Trăng", "Bạc Liêu", "Cà Mau",
  "Hòa Bình",
};

static const char * const cities[] = {
  "Hà Nội", "Hồ Chí Minh", "Đà Nẵng", "Hải Phòng", "Cần Thơ", "Huế",
  "Vinh", "Nha Trang", "Buôn Ma Thuột", "Quy Nhơn", "Đà Lạt", "Thủ Đức",
};

static const char * const districts[] = {
  "Mường Lát", "Mường La", "Đồng Văn", "Mèo Vạc", "Bảo Lạc", "Sa Pa",
  "Tủa Chùa", "Kỳ Sơn", "Tương Dương", "Quế Phong", "Nam Trà My",
  "Đắk Glei", "Krông Pắc", "Cần Giờ", "Côn Đảo", "Phú Quốc", "Lý Sơn",
  "Cô Tô", "Bạch Long Vĩ", "Trường Sa", "Hoàng Sa", "Ba Vì", "Sóc Sơn",
  "Củ Chi", "Hóc Môn", "Ngọc Hồi", "Đầm Dơi", "Năm Căn", "U Minh",
};

static const char * const subjects[] = {
  "Ủy ban nhân dân tỉnh", "Ủy ban nhân dân huyện", "Hội đồng nhân dân thành phố",
  "Ban Chấp hành Trung ương Đảng", "Ban Thường vụ Tỉnh ủy", "Bộ Chính trị",
  "Thủ tướng Chính phủ", "Phó Thủ tướng", "Chủ tịch nước", "Quốc hội",
  "Ủy ban Thường vụ Quốc hội", "Bộ Giáo dục và Đào tạo", "Bộ Y tế",
  "Bộ Tài chính", "Bộ Kế hoạch và Đầu tư", "Bộ Nông nghiệp và Phát triển nông thôn",
  "Bộ Tài nguyên và Môi trường", "Bộ Công an", "Bộ Quốc phòng",
  "Bộ Giao thông vận tải", "Bộ Thông tin và Truyền thông", "Sở Giáo dục và Đào tạo",
  "Sở Y tế", "Sở Xây dựng", "Công an tỉnh", "Bộ đội Biên phòng",
  "Mặt trận Tổ quốc Việt Nam", "Đoàn Thanh niên Cộng sản Hồ Chí Minh",
  "Hội Liên hiệp Phụ nữ", "Hội Nông dân", "Liên đoàn Lao động",
  "Ngân hàng Nhà nước", "Kiểm toán Nhà nước", "Thanh tra Chính phủ",
  "đảng viên", "cán bộ, công chức", "người dân", "doanh nghiệp",
  "bà con nông dân", "học sinh", "giáo viên", "các y bác sĩ",
  "lực lượng vũ trang", "chính quyền địa phương", "cấp ủy các cấp",
  "Đảng ủy xã", "chi bộ thôn", "Ban Dân vận",
};

static const char * const verbs[] = {
  "đã ban hành", "yêu cầu đẩy nhanh", "chỉ đạo triển khai", "tổ chức tổng kết",
  "kiểm tra việc thực hiện", "đề xuất điều chỉnh", "phê duyệt", "hoàn thành",
  "tăng cường", "đẩy mạnh", "thông qua", "khánh thành", "khởi công",
  "trao tặng", "tiếp nhận", "đánh giá kết quả", "công bố", "sơ kết",
  "quán triệt", "rà soát", "hướng dẫn thực hiện", "giải ngân vốn cho",
  "kiến nghị sửa đổi", "biểu dương", "ký kết", "phát động",
};

static const char * const objects[] = {
  "kế hoạch phát triển kinh tế - xã hội", "chương trình giáo dục phổ thông mới",
  "dự án đường cao tốc Bắc - Nam", "công tác phòng, chống thiên tai",
  "nghị quyết về chuyển đổi số", "chính sách hỗ trợ hộ nghèo",
  "quy hoạch sử dụng đất", "hệ thống y tế cơ sở", "công tác xây dựng Đảng",
  "phong trào thi đua yêu nước", "cải cách thủ tục hành chính",
  "công tác bảo vệ môi trường", "chương trình xây dựng nông thôn mới",
  "công tác bảo đảm an toàn giao thông", "đề án phát triển du lịch",
  "nhiệm vụ giáo dục quốc phòng và an ninh", "kế hoạch tuyển sinh lớp 10",
  "kỳ thi tốt nghiệp trung học phổ thông", "công tác phòng, chống tham nhũng",
  "chương trình mục tiêu quốc gia", "dự án nhà ở xã hội",
  "đề án sắp xếp đơn vị hành chính", "công tác cán bộ", "việc học tập và làm theo tư tưởng, đạo đức Hồ Chí Minh",
  "công tác tiêm chủng mở rộng", "dự án cấp nước sạch nông thôn",
  "kế hoạch chuyển đổi cơ cấu cây trồng", "nguồn vốn đầu tư công",
  "chính sách tín dụng ưu đãi", "chương trình giáo dục kỹ năng sống",
  "đề án đổi mới giáo dục đại học", "công tác đối ngoại nhân dân",
  "hoạt động xuất khẩu nông sản", "việc bảo tồn di sản văn hóa",
  "mạng lưới trường học vùng sâu, vùng xa", "hệ thống thủy lợi",
};

static const char * const times[] = {
  "trong năm nay", "từ đầu tháng", "trong giai đoạn 2021 - 2025",
  "vào sáng nay", "trong chiều qua", "trong quý III", "đến năm 2030",
  "trong 6 tháng đầu năm", "trước mùa mưa bão", "dịp Tết Nguyên đán",
  "trong tuần tới", "từ nay đến cuối năm",
};

static const char * const openers[] = {
  "Theo báo cáo,", "Phát biểu tại hội nghị,", "Cũng trong dịp này,",
  "Bên cạnh đó,", "Tại buổi làm việc,", "Theo kế hoạch,",
  "Trước đó,", "Đáng chú ý,", "Qua kiểm tra,", "Nhân dịp này,",
  "Trong thời gian tới,", "Theo lãnh đạo địa phương,",
};

static const char * const amounts[] = {
  "với tổng kinh phí %u tỷ đồng", "cho %u hộ dân", "tăng %u%% so với cùng kỳ",
  "tại %u xã đặc biệt khó khăn", "với sự tham gia của %u đại biểu",
  "trên diện tích %u héc-ta", "cho %u học sinh có hoàn cảnh khó khăn",
  "với %u trường học được xây mới",
};

static const char * const authors[] = {
  "Nguyễn Văn An", "Trần Thị Bích Ngọc", "Lê Hoàng Phúc", "Phạm Minh Đức",
  "Hoàng Thu Hà", "Vũ Đức Thắng", "Đặng Thị Hồng", "Bùi Quang Huy",
  "Đỗ Thanh Tùng", "Ngô Thị Lan", "Dương Văn Lộc", "Lý Thị Mai",
};

static const char * const outlets[] = {
  "Báo", "Cổng thông tin điện tử", "Tạp chí", "Đài Phát thanh - Truyền hình",
};

static const char * const sections[] = {
  "Thời sự", "Giáo dục", "Chính trị", "Kinh tế", "Xã hội", "Y tế",
  "Quốc phòng - An ninh", "Văn hóa",
};

/* About one article in 500 mentions this commune: the rare search term. */
static const char rare_sentence[] =
  "Đoàn công tác đã về thăm và tặng quà bà con xã Sủng Là, huyện Đồng Văn.";

/* --- Articles ------------------------------------------------------------ */

typedef struct
{
  char   *guid;
  char   *link;
  char   *title;
  char   *author;
  char   *summary;   /* Plain text. */
  char   *content;   /* HTML. */
  gint64  published;
} BenchItem;

static void
bench_item_clear (BenchItem *item)
{
  g_clear_pointer (&item->guid, g_free);
  g_clear_pointer (&item->link, g_free);
  g_clear_pointer (&item->title, g_free);
  g_clear_pointer (&item->author, g_free);
  g_clear_pointer (&item->summary, g_free);
  g_clear_pointer (&item->content, g_free);
}

static gint64
corpus_end (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (CORPUS_TZ_OFFSET);
  g_autoptr(GDateTime) dt = g_date_time_new (tz, CORPUS_LAST_YEAR, 12, 31, 23, 59, 59);

  return g_date_time_to_unix (dt);
}

static void
append_capitalized (GString    *out,
                    const char *text)
{
  gunichar first = g_utf8_get_char (text);

  g_string_append_unichar (out, g_unichar_toupper (first));
  g_string_append (out, g_utf8_next_char (text));
}

static void
append_place (GString *out,
              Rng     *rng)
{
  switch (rng_below (rng, 3))
    {
    case 0:
      g_string_append_printf (out, "tỉnh %s", PICK (rng, provinces));
      break;
    case 1:
      g_string_append_printf (out, "thành phố %s", PICK (rng, cities));
      break;
    default:
      g_string_append_printf (out, "huyện %s, tỉnh %s",
                              PICK (rng, districts), PICK (rng, provinces));
      break;
    }
}

/* One sentence of news prose. With @html, some objects become links or
 * bold text, as editors write them. */
static void
append_sentence (GString *out,
                 Rng     *rng,
                 gboolean html)
{
  const char *subject = PICK (rng, subjects);
  const char *object = PICK (rng, objects);
  guint decoration = html ? rng_below (rng, 10) : 9;

  if (rng_chance (rng, 0.4))
    {
      g_string_append (out, PICK (rng, openers));
      g_string_append_c (out, ' ');
      g_string_append (out, subject);
    }
  else
    append_capitalized (out, subject);

  if (rng_chance (rng, 0.6))
    {
      g_string_append_c (out, ' ');
      append_place (out, rng);
    }

  g_string_append_c (out, ' ');
  g_string_append (out, PICK (rng, verbs));
  g_string_append_c (out, ' ');

  if (decoration == 0)
    g_string_append_printf (out, "<a href=\"/chuyen-muc/%u/bai-%u.html\">%s</a>",
                            rng_below (rng, 40), rng_below (rng, 100000), object);
  else if (decoration == 1)
    g_string_append_printf (out, "<strong>%s</strong>", object);
  else
    g_string_append (out, object);

  if (rng_chance (rng, 0.5))
    {
      g_string_append_c (out, ' ');
      g_string_append (out, PICK (rng, times));
    }

  if (rng_chance (rng, 0.35))
    {
      g_string_append (out, ", ");
      /* The formats are ours, from a fixed table. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
      g_string_append_printf (out, PICK (rng, amounts), 2 + rng_below (rng, 998));
#pragma GCC diagnostic pop
    }

  g_string_append_c (out, '.');
}

static char *
make_title (Rng *rng)
{
  GString *title = g_string_new (NULL);

  append_capitalized (title, PICK (rng, subjects));
  g_string_append_c (title, ' ');
  g_string_append (title, PICK (rng, verbs));
  g_string_append_c (title, ' ');
  g_string_append (title, PICK (rng, objects));
  if (rng_chance (rng, 0.5))
    {
      g_string_append_c (title, ' ');
      append_place (title, rng);
    }

  return g_string_free (title, FALSE);
}

static char *
make_feed_title (guint corpus,
                 guint feed)
{
  guint n_provinces = G_N_ELEMENTS (provinces);

  return g_strdup_printf ("%s %s – %s%s",
                          outlets[(feed / n_provinces) % G_N_ELEMENTS (outlets)],
                          provinces[feed % n_provinces],
                          sections[(feed / n_provinces / G_N_ELEMENTS (outlets)) % G_N_ELEMENTS (sections)],
                          corpus == CORPUS_FILL ? " (lưu trữ)" : "");
}

/* Article @item of @feed, in a feed of @n_items. Items are spread evenly over
 * the three years, newest first, so item 0 is the newest. With @short_body the
 * HTML is 0.2–0.6 KB instead of 1–5 KB (for the million-article store). */
static void
bench_item_generate (guint      corpus,
                     guint      feed,
                     guint      item,
                     guint      n_items,
                     gboolean   short_body,
                     BenchItem *out)
{
  static gint64 end = 0;
  const gint64 span = (gint64) CORPUS_DAYS * 86400;
  GString *body;
  Rng rng;
  gsize target;
  guint paragraph = 0;

  if (end == 0)
    end = corpus_end ();

  rng_seed (&rng, corpus, feed, (guint64) item * 7919 + n_items);

  out->published = end - (gint64) (((double) item + rng_unit (&rng)) * (double) span / n_items);
  out->published -= feed % 3600;
  out->guid = g_strdup_printf (corpus == CORPUS_FILL ? "fill-%u-%u" : "bench-%u-%u",
                               feed, item);
  out->link = g_strdup_printf ("https://bao-%u.example.vn/%s/%u-%u.html",
                               feed, corpus == CORPUS_FILL ? "luu-tru" : "tin-tuc",
                               feed, item);
  out->title = make_title (&rng);
  out->author = g_strdup (PICK (&rng, authors));

  body = g_string_sized_new (6 * 1024);
  append_sentence (body, &rng, FALSE);
  out->summary = g_strndup (body->str, body->len);

  g_string_prepend (body, "<p><strong>");
  g_string_append (body, "</strong></p>\n");

  target = short_body ? 200 + rng_below (&rng, 401) : 1024 + rng_below (&rng, 4097);

  if (rng_chance (&rng, 1.0 / 500))
    g_string_append_printf (body, "<p>%s</p>\n", rare_sentence);

  while (body->len < target)
    {
      guint n_sentences = 2 + rng_below (&rng, 4);

      if (paragraph == 1 && !short_body && rng_chance (&rng, 0.35))
        {
          g_autofree char *caption = make_title (&rng);

          g_string_append_printf (body,
                                  "<figure><img src=\"/anh/%u/%u.jpg\" alt=\"%s\" width=\"640\" height=\"400\">"
                                  "<figcaption>%s</figcaption></figure>\n",
                                  feed, item, caption, caption);
        }
      else if (paragraph > 1 && rng_chance (&rng, 0.15))
        {
          g_autofree char *heading = make_title (&rng);

          g_string_append_printf (body, "<h3>%s</h3>\n", heading);
        }
      else if (paragraph > 1 && rng_chance (&rng, 0.1))
        {
          g_string_append (body, "<ul>\n");
          for (guint i = 0; i < 3; i++)
            {
              g_string_append (body, "<li>");
              append_sentence (body, &rng, TRUE);
              g_string_append (body, "</li>\n");
            }
          g_string_append (body, "</ul>\n");
        }

      g_string_append (body, "<p>");
      for (guint i = 0; i < n_sentences; i++)
        {
          if (i > 0)
            g_string_append_c (body, ' ');
          append_sentence (body, &rng, TRUE);
        }
      g_string_append (body, "</p>\n");
      paragraph++;
    }

  g_string_append_printf (body, "<p><em>%s</em></p>", out->author);
  out->content = g_string_free (body, FALSE);
}

/* --- Feed documents ------------------------------------------------------- */

static const char * const week_days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
static const char * const month_names[] = {
  "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

/* Dates as Vietnamese sites write them: local time, +07:00. */
static void
append_rfc822 (GString *out,
               gint64   unix_time)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (CORPUS_TZ_OFFSET);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);
  g_autoptr(GDateTime) dt = g_date_time_to_timezone (utc, tz);

  g_string_append_printf (out, "%s, %02d %s %04d %02d:%02d:%02d +0700",
                          week_days[g_date_time_get_day_of_week (dt) - 1],
                          g_date_time_get_day_of_month (dt),
                          month_names[g_date_time_get_month (dt) - 1],
                          g_date_time_get_year (dt),
                          g_date_time_get_hour (dt),
                          g_date_time_get_minute (dt),
                          g_date_time_get_second (dt));
}

static void
append_rfc3339 (GString *out,
                gint64   unix_time)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (CORPUS_TZ_OFFSET);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);
  g_autoptr(GDateTime) dt = g_date_time_to_timezone (utc, tz);

  g_string_append_printf (out, "%04d-%02d-%02dT%02d:%02d:%02d+07:00",
                          g_date_time_get_year (dt),
                          g_date_time_get_month (dt),
                          g_date_time_get_day_of_month (dt),
                          g_date_time_get_hour (dt),
                          g_date_time_get_minute (dt),
                          g_date_time_get_second (dt));
}

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append (out, escaped);
}

static gboolean
feed_is_atom (guint feed)
{
  return feed % 2 == 1;
}

/* Feed @feed of the served corpus, as RSS 2.0 or Atom 1.0. */
static GString *
make_feed_document (guint feed,
                    guint n_items)
{
  g_autofree char *title = make_feed_title (CORPUS_SERVED, feed);
  GString *doc = g_string_sized_new ((gsize) n_items * 4200 + 1024);
  gint64 newest = 0;

  if (feed_is_atom (feed))
    {
      g_string_append (doc, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                            "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"vi\">\n"
                            "<title>");
      append_escaped (doc, title);
      g_string_append_printf (doc, "</title>\n<id>urn:bantin-bench:feed:%u</id>\n"
                              "<link rel=\"alternate\" href=\"https://bao-%u.example.vn/\"/>\n"
                              "<subtitle>Tin tức tổng hợp</subtitle>\n<updated>",
                              feed, feed);
    }
  else
    {
      g_string_append (doc, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                            "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\""
                            " xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n<title>");
      append_escaped (doc, title);
      g_string_append_printf (doc, "</title>\n<link>https://bao-%u.example.vn/</link>\n"
                              "<description>Tin tức tổng hợp</description>\n"
                              "<language>vi</language>\n<lastBuildDate>",
                              feed);
    }

  for (guint i = 0; i < n_items; i++)
    {
      BenchItem item = { 0 };

      bench_item_generate (CORPUS_SERVED, feed, i, n_items, FALSE, &item);
      if (i == 0)
        {
          newest = item.published;
          if (feed_is_atom (feed))
            {
              append_rfc3339 (doc, newest);
              g_string_append (doc, "</updated>\n");
            }
          else
            {
              append_rfc822 (doc, newest);
              g_string_append (doc, "</lastBuildDate>\n");
            }
        }

      if (feed_is_atom (feed))
        {
          g_string_append (doc, "<entry>\n<title>");
          append_escaped (doc, item.title);
          g_string_append_printf (doc, "</title>\n<id>urn:bantin-bench:%s</id>\n"
                                  "<link rel=\"alternate\" type=\"text/html\" href=\"%s\"/>\n<published>",
                                  item.guid, item.link);
          append_rfc3339 (doc, item.published);
          g_string_append (doc, "</published>\n<updated>");
          append_rfc3339 (doc, item.published);
          g_string_append (doc, "</updated>\n<author><name>");
          append_escaped (doc, item.author);
          g_string_append (doc, "</name></author>\n<summary>");
          append_escaped (doc, item.summary);
          g_string_append (doc, "</summary>\n<content type=\"html\">");
          append_escaped (doc, item.content);
          g_string_append (doc, "</content>\n</entry>\n");
        }
      else
        {
          g_string_append (doc, "<item>\n<title>");
          append_escaped (doc, item.title);
          g_string_append_printf (doc, "</title>\n<link>%s</link>\n"
                                  "<guid isPermaLink=\"false\">%s</guid>\n<pubDate>",
                                  item.link, item.guid);
          append_rfc822 (doc, item.published);
          g_string_append (doc, "</pubDate>\n<dc:creator>");
          append_escaped (doc, item.author);
          g_string_append (doc, "</dc:creator>\n<description>");
          append_escaped (doc, item.summary);
          g_string_append (doc, "</description>\n<content:encoded><![CDATA[");
          g_string_append (doc, item.content);
          g_string_append (doc, "]]></content:encoded>\n</item>\n");
        }

      bench_item_clear (&item);
    }

  if (n_items == 0)
    g_string_append (doc, feed_is_atom (feed) ? "2025-12-31T23:59:59+07:00</updated>\n"
                                              : "Wed, 31 Dec 2025 23:59:59 +0700</lastBuildDate>\n");

  g_string_append (doc, feed_is_atom (feed) ? "</feed>\n" : "</channel>\n</rss>\n");
  return doc;
}

/* --- Timing helpers -------------------------------------------------------- */

static double
now_ms (void)
{
  return (double) g_get_monotonic_time () / 1000.0;
}

static guint64
read_status_kib (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, field);
  if (line == NULL)
    return 0;
  return g_ascii_strtoull (line + strlen (field), NULL, 10);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
percentile (GArray *samples,
            double  p)
{
  guint index;

  g_array_sort (samples, compare_doubles);
  index = (guint) (p * (samples->len - 1) + 0.5);
  return g_array_index (samples, double, MIN (index, samples->len - 1));
}

static char *
store_path_for (const char *data_dir,
                const char *db)
{
  if (db != NULL)
    return g_strdup (db);
  return g_build_filename (data_dir, STORE_FILE_NAME, NULL);
}

/* --- serve -------------------------------------------------------------------- */

typedef struct
{
  guint        n_feeds;
  guint        n_items;
  GMappedFile **files;
  char       **etags;
  char        *last_modified;
  GBytes      *opml;
  GBytes      *urls;
  char        *base_url;
  guint        n_ok;
  guint        n_not_modified;
  guint        n_not_found;
  guint64      bytes_sent;
  GMainLoop   *loop;
} BenchServer;

static guint32
fnv1a (const char *data,
       gsize       len)
{
  guint32 hash = 2166136261u;

  for (gsize i = 0; i < len; i++)
    {
      hash ^= (guchar) data[i];
      hash *= 16777619u;
    }
  return hash;
}

/* Writes the corpus to @dir once (a later run with the same --cache-dir
 * reuses it) and maps it, so the server's memory stays small and serving
 * costs a memcpy at most. */
static gboolean
bench_server_prepare (BenchServer  *server,
                      const char   *dir,
                      GError      **error)
{
  double start = now_ms ();
  guint64 total = 0;
  guint generated = 0;

  server->files = g_new0 (GMappedFile *, server->n_feeds);
  server->etags = g_new0 (char *, server->n_feeds);

  for (guint i = 0; i < server->n_feeds; i++)
    {
      g_autofree char *name = g_strdup_printf ("items%u-feed%u.xml", server->n_items, i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      const char *data;
      gsize len;

      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        {
          g_autoptr(GString) doc = make_feed_document (i, server->n_items);
          g_autofree char *partial = g_strconcat (path, ".part", NULL);

          if (!g_file_set_contents (partial, doc->str, doc->len, error))
            return FALSE;
          if (g_rename (partial, path) != 0)
            {
              g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                           "Cannot rename %s", partial);
              return FALSE;
            }
          generated++;
        }

      server->files[i] = g_mapped_file_new (path, FALSE, error);
      if (server->files[i] == NULL)
        return FALSE;

      data = g_mapped_file_get_contents (server->files[i]);
      len = g_mapped_file_get_length (server->files[i]);
      server->etags[i] = g_strdup_printf ("\"b%u-%u-%08x\"", server->n_items, i, fnv1a (data, len));
      total += len;
    }

  g_printerr ("bantin-bench: corpus of %u feeds x %u items, %.1f MiB (%u generated) in %.1f s\n",
              server->n_feeds, server->n_items, (double) total / (1024.0 * 1024.0),
              generated, (now_ms () - start) / 1000.0);
  return TRUE;
}

static void
bench_server_build_lists (BenchServer *server)
{
  GString *opml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                "<opml version=\"2.0\">\n<head><title>Bantin bench</title></head>\n<body>\n"
                                "<outline text=\"Tin tức\" title=\"Tin tức\">\n");
  GString *urls = g_string_new (NULL);

  for (guint i = 0; i < server->n_feeds; i++)
    {
      g_autofree char *title = make_feed_title (CORPUS_SERVED, i);
      g_autofree char *escaped = g_markup_escape_text (title, -1);
      g_autofree char *url = g_strdup_printf ("%sfeeds/%u.xml", server->base_url, i);

      g_string_append_printf (opml, "<outline type=\"rss\" text=\"%s\" title=\"%s\" xmlUrl=\"%s\"/>\n",
                              escaped, escaped, url);
      g_string_append_printf (urls, "%s\n", url);
    }
  g_string_append (opml, "</outline>\n</body>\n</opml>\n");

  server->opml = g_string_free_to_bytes (opml);
  server->urls = g_string_free_to_bytes (urls);
}

static gboolean
etag_matches (const char *header,
              const char *etag)
{
  g_auto(GStrv) candidates = NULL;

  if (header == NULL)
    return FALSE;

  candidates = g_strsplit (header, ",", -1);
  for (guint i = 0; candidates[i] != NULL; i++)
    {
      const char *candidate = g_strstrip (candidates[i]);

      if (g_str_has_prefix (candidate, "W/"))
        candidate += 2;
      if (g_str_equal (candidate, "*") || g_str_equal (candidate, etag))
        return TRUE;
    }
  return FALSE;
}

static void
bench_server_handle (SoupServer        *soup_server,
                     SoupServerMessage *msg,
                     const char        *path,
                     GHashTable        *query,
                     gpointer           user_data)
{
  BenchServer *server = user_data;
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  const char *method = soup_server_message_get_method (msg);
  guint feed;
  char *end = NULL;

  if (!g_str_equal (method, "GET") && !g_str_equal (method, "HEAD"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_IMPLEMENTED, NULL);
      return;
    }

  if (g_str_equal (path, "/feeds.opml") || g_str_equal (path, "/urls.txt"))
    {
      GBytes *bytes = g_str_equal (path, "/urls.txt") ? server->urls : server->opml;

      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_message_headers_set_content_type (response,
                                             g_str_equal (path, "/urls.txt") ? "text/plain" : "text/x-opml",
                                             NULL);
      soup_message_body_append_bytes (body, bytes);
      return;
    }

  if (!g_str_has_prefix (path, "/feeds/"))
    goto not_found;

  feed = (guint) g_ascii_strtoull (path + strlen ("/feeds/"), &end, 10);
  if (end == path + strlen ("/feeds/") || !g_str_equal (end, ".xml") || feed >= server->n_feeds)
    goto not_found;

  soup_message_headers_replace (response, "ETag", server->etags[feed]);
  soup_message_headers_replace (response, "Last-Modified", server->last_modified);
  soup_message_headers_replace (response, "Cache-Control", "max-age=0");

  /* RFC 9110: If-None-Match wins; If-Modified-Since counts only without it.
   * The corpus never changes, so any date at or after ours is a match. */
  if (etag_matches (soup_message_headers_get_one (request, "If-None-Match"), server->etags[feed])
      || (soup_message_headers_get_one (request, "If-None-Match") == NULL
          && soup_message_headers_get_one (request, "If-Modified-Since") != NULL
          && g_str_equal (soup_message_headers_get_one (request, "If-Modified-Since"),
                          server->last_modified)))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
      server->n_not_modified++;
      return;
    }

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (response,
                                         feed_is_atom (feed) ? "application/atom+xml" : "application/rss+xml",
                                         NULL);
  {
    g_autoptr(GBytes) bytes = g_mapped_file_get_bytes (server->files[feed]);

    server->bytes_sent += g_bytes_get_size (bytes);
    soup_message_body_append_bytes (body, bytes);
  }
  server->n_ok++;
  return;

not_found:
  server->n_not_found++;
  soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

static void
bench_server_print_stats (BenchServer *server)
{
  g_printerr ("bantin-bench: served 200=%u 304=%u 404=%u bytes=%" G_GUINT64_FORMAT "\n",
              server->n_ok, server->n_not_modified, server->n_not_found, server->bytes_sent);
}

static gboolean
on_stats_signal (gpointer user_data)
{
  BenchServer *server = user_data;

  /* bench.sh reads these to check that a warm sync was all 304. */
  bench_server_print_stats (server);
  g_print ("stats 200=%u 304=%u 404=%u\n", server->n_ok, server->n_not_modified, server->n_not_found);
  server->n_ok = server->n_not_modified = server->n_not_found = 0;
  server->bytes_sent = 0;
  return G_SOURCE_CONTINUE;
}

static gboolean
on_quit_signal (gpointer user_data)
{
  BenchServer *server = user_data;

  g_main_loop_quit (server->loop);
  return G_SOURCE_CONTINUE;
}

static gboolean
write_file (const char  *path,
            GBytes      *bytes,
            GError     **error)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  return g_file_set_contents (path, data, len, error);
}

static gboolean
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return FALSE;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  return g_rmdir (path) == 0;
}

static int
cmd_serve (int    argc,
           char **argv)
{
  int n_feeds = 100;
  int n_items = 200;
  int port = 0;
  int seconds = 0;
  g_autofree char *cache_dir = NULL;
  g_autofree char *opml_path = NULL;
  g_autofree char *urls_path = NULL;
  GOptionEntry entries[] = {
    { "feeds", 0, 0, G_OPTION_ARG_INT, &n_feeds, "Number of feeds", "N" },
    { "items", 0, 0, G_OPTION_ARG_INT, &n_items, "Items per feed", "M" },
    { "port", 0, 0, G_OPTION_ARG_INT, &port, "Port on 127.0.0.1 (0: any free one)", "P" },
    { "seconds", 0, 0, G_OPTION_ARG_INT, &seconds, "Stop after this many seconds", "S" },
    { "cache-dir", 0, 0, G_OPTION_ARG_FILENAME, &cache_dir, "Keep the generated feeds here", "DIR" },
    { "write-opml", 0, 0, G_OPTION_ARG_FILENAME, &opml_path, "Write the feed list as OPML", "FILE" },
    { "write-urls", 0, 0, G_OPTION_ARG_FILENAME, &urls_path, "Write the feed URLs, one a line", "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— serve a synthetic corpus on 127.0.0.1");
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupServer) soup_server = NULL;
  g_autoptr(GDateTime) newest = NULL;
  g_autofree char *temp_dir = NULL;
  GSList *uris;
  BenchServer server = { 0 };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bantin-bench serve: %s\n", error->message);
      return 2;
    }
  if (n_feeds <= 0 || n_items < 0 || port < 0 || port > 65535)
    {
      g_printerr ("bantin-bench serve: bad --feeds, --items or --port\n");
      return 2;
    }

  server.n_feeds = (guint) n_feeds;
  server.n_items = (guint) n_items;

  if (cache_dir == NULL)
    {
      temp_dir = g_dir_make_tmp ("bantin-bench-XXXXXX", &error);
      if (temp_dir == NULL)
        {
          g_printerr ("bantin-bench serve: %s\n", error->message);
          return 1;
        }
    }
  else if (g_mkdir_with_parents (cache_dir, 0755) != 0)
    {
      g_printerr ("bantin-bench serve: cannot create %s\n", cache_dir);
      return 1;
    }

  if (!bench_server_prepare (&server, cache_dir ? cache_dir : temp_dir, &error))
    {
      g_printerr ("bantin-bench serve: %s\n", error->message);
      return 1;
    }

  newest = g_date_time_new_from_unix_utc (corpus_end ());
  server.last_modified = soup_date_time_to_string (newest, SOUP_DATE_HTTP);

  soup_server = soup_server_new ("server-header", "bantin-bench", NULL);
  soup_server_add_handler (soup_server, NULL, bench_server_handle, &server, NULL);

  if (port == 0)
    {
      if (!soup_server_listen_local (soup_server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
        {
          g_printerr ("bantin-bench serve: %s\n", error->message);
          return 1;
        }
    }
  else
    {
      g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
      g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, (guint16) port);

      if (!soup_server_listen (soup_server, address, 0, &error))
        {
          g_printerr ("bantin-bench serve: %s\n", error->message);
          return 1;
        }
    }

  uris = soup_server_get_uris (soup_server);
  server.base_url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  if (!g_str_has_suffix (server.base_url, "/"))
    {
      char *with_slash = g_strconcat (server.base_url, "/", NULL);

      g_free (server.base_url);
      server.base_url = with_slash;
    }

  bench_server_build_lists (&server);
  if ((opml_path != NULL && !write_file (opml_path, server.opml, &error))
      || (urls_path != NULL && !write_file (urls_path, server.urls, &error)))
    {
      g_printerr ("bantin-bench serve: %s\n", error->message);
      return 1;
    }

  server.loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, on_quit_signal, &server);
  g_unix_signal_add (SIGTERM, on_quit_signal, &server);
  g_unix_signal_add (SIGUSR1, on_stats_signal, &server);
  if (seconds > 0)
    g_timeout_add_seconds ((guint) seconds, on_quit_signal, &server);

  g_print ("url %s\nopml %sfeeds.opml\nurls %surls.txt\nready\n",
           server.base_url, server.base_url, server.base_url);
  fflush (stdout);

  g_main_loop_run (server.loop);

  bench_server_print_stats (&server);
  soup_server_disconnect (soup_server);

  for (guint i = 0; i < server.n_feeds; i++)
    {
      g_clear_pointer (&server.files[i], g_mapped_file_unref);
      g_free (server.etags[i]);
    }
  g_free (server.files);
  g_free (server.etags);
  g_free (server.last_modified);
  g_free (server.base_url);
  g_bytes_unref (server.opml);
  g_bytes_unref (server.urls);
  g_main_loop_unref (server.loop);

  if (temp_dir != NULL)
    remove_tree (temp_dir);

  return 0;
}

/* --- query --------------------------------------------------------------------- */

typedef struct
{
  const char *name;
  const char *search;
} SearchCase;

static const SearchCase search_cases[] = {
  { "search-common", "giáo dục" },
  { "search-common-folded", "giao duc" },
  { "search-d-stroke", "đảng viên" },
  { "search-d-stroke-folded", "dang vien" },
  { "search-rare", "Sủng Là" },
  { "search-rare-folded", "sung la" },
  { "search-phrase", "\"ủy ban nhân dân\"" },
  { "search-phrase-folded", "\"uy ban nhan dan\"" },
};

typedef gboolean (*TimedFunc) (BantinStore  *store,
                               gpointer      data,
                               guint        *out_count,
                               GError      **error);

typedef struct
{
  BantinDay day;
} DayData;

static gboolean
time_day_list (BantinStore  *store,
               gpointer      data,
               guint        *out_count,
               GError      **error)
{
  DayData *day = data;
  BantinArticleQuery query = { 0 };
  g_autoptr(GArray) ids = NULL;

  query.day_from = day->day;
  query.day_to = day->day;
  ids = bantin_store_query_ids (store, &query, error);
  if (ids == NULL)
    return FALSE;
  *out_count = ids->len;
  return TRUE;
}

static gboolean
time_month_counts (BantinStore  *store,
                   gpointer      data,
                   guint        *out_count,
                   GError      **error)
{
  DayData *month = data;
  BantinArticleQuery query = { 0 };
  int year = month->day / 10000;
  int month_number = month->day / 100 % 100;
  BantinDay first = month->day / 100 * 100 + 1;
  BantinDay last = first - 1 + g_date_get_days_in_month ((GDateMonth) month_number, (GDateYear) year);
  g_autoptr(GArray) counts = NULL;
  guint total = 0;

  counts = bantin_store_count_days (store, &query, first, last, error);
  if (counts == NULL)
    return FALSE;
  for (guint i = 0; i < counts->len; i++)
    total += g_array_index (counts, BantinDayCount, i).count;
  *out_count = total;
  return TRUE;
}

static gboolean
time_search (BantinStore  *store,
             gpointer      data,
             guint        *out_count,
             GError      **error)
{
  const SearchCase *search = data;
  BantinArticleQuery query = { 0 };
  g_autoptr(GArray) ids = NULL;

  query.search = search->search;
  query.limit = 50;
  ids = bantin_store_query_ids (store, &query, error);
  if (ids == NULL)
    return FALSE;
  *out_count = ids->len;
  return TRUE;
}

static gboolean
run_timed (const char  *name,
           TimedFunc    func,
           BantinStore *store,
           gpointer     data,
           guint        repeat,
           double       target_ms)
{
  g_autoptr(GArray) samples = g_array_sized_new (FALSE, FALSE, sizeof (double), repeat);
  g_autoptr(GError) error = NULL;
  guint count = 0;

  /* Two untimed runs warm SQLite's page cache, as a window that has been
   * open for a second has. */
  for (guint i = 0; i < repeat + 2; i++)
    {
      double start = now_ms ();
      double elapsed;

      if (!func (store, data, &count, &error))
        {
          g_print ("%s: error %s\n", name, error->message);
          return FALSE;
        }
      elapsed = now_ms () - start;
      if (i >= 2)
        g_array_append_val (samples, elapsed);
    }

  g_print ("%s: median %.3f ms p95 %.3f ms max %.3f ms n=%u (target <= %g ms)\n",
           name, percentile (samples, 0.5), percentile (samples, 0.95),
           percentile (samples, 1.0), count, target_ms);
  return TRUE;
}

static int
cmd_query (int    argc,
           char **argv)
{
  g_autofree char *data_dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *day_text = NULL;
  g_autofree char *path = NULL;
  int repeat = 200;
  GOptionEntry entries[] = {
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir, "Bantin's data folder", "DIR" },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "The database file itself", "FILE" },
    { "day", 0, 0, G_OPTION_ARG_STRING, &day_text, "Day to list (default 2024-06-15)", "YYYY-MM-DD" },
    { "repeat", 0, 0, G_OPTION_ARG_INT, &repeat, "Repetitions of each query", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— time the store's queries");
  g_autoptr(GError) error = NULL;
  g_autoptr(BantinStore) store = NULL;
  DayData day = { 20240615 };
  double start;
  gboolean ok = TRUE;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bantin-bench query: %s\n", error->message);
      return 2;
    }
  if ((data_dir == NULL) == (db == NULL) || repeat <= 0)
    {
      g_printerr ("bantin-bench query: give --data-dir or --db\n");
      return 2;
    }
  if (day_text != NULL && !bantin_day_parse (day_text, &day.day))
    {
      g_printerr ("bantin-bench query: bad --day\n");
      return 2;
    }

  path = store_path_for (data_dir, db);
  start = now_ms ();
  store = bantin_store_open (path, &error);
  if (store == NULL)
    {
      g_printerr ("bantin-bench query: %s: %s\n", path, error->message);
      return 1;
    }
  g_print ("open: %.1f ms\n", now_ms () - start);

  /* Whatever the sync left to index is not part of a query's cost. */
  start = now_ms ();
  if (!bantin_store_catch_up_search_index (store, &error))
    {
      g_printerr ("bantin-bench query: catching up the search index: %s\n", error->message);
      return 1;
    }
  g_print ("search-index-catch-up: %.1f ms\n", now_ms () - start);

  ok &= run_timed ("day-list", time_day_list, store, &day, (guint) repeat, 2);
  ok &= run_timed ("month-counts", time_month_counts, store, &day, (guint) repeat, 10);
  for (guint i = 0; i < G_N_ELEMENTS (search_cases); i++)
    ok &= run_timed (search_cases[i].name, time_search, store,
                     (gpointer) &search_cases[i], MAX (10u, (guint) repeat / 4), 50);

  g_print ("peak-rss: %" G_GUINT64_FORMAT " KiB\n", read_status_kib ("VmHWM:"));
  return ok ? 0 : 1;
}

/* --- fill ---------------------------------------------------------------------- */

typedef struct
{
  gint64            feed_id;
  char             *url;
  char             *etag;
  char             *last_modified;
  BantinParsedFeed *parsed;
  BantinFeedUpdate  update;
} FillBatch;

typedef struct
{
  GPtrArray  *feeds;        /* (element-type FillFeed) */
  guint       n_articles;
  guint       batch_size;
  gboolean    short_body;
  GTimeZone  *tz;
  GAsyncQueue *ready;       /* Prepared batches; NULL ends. */
  GAsyncQueue *free_slots;  /* Bounds the queue, so memory stays flat. */
} FillJob;

typedef struct
{
  gint64  id;
  guint   index;            /* Seeds its articles. */
  guint   n_articles;
  char   *url;
  char   *etag;
  char   *last_modified;
} FillFeed;

static void
fill_feed_free (FillFeed *feed)
{
  g_free (feed->url);
  g_free (feed->etag);
  g_free (feed->last_modified);
  g_free (feed);
}

/* The store borrows @parsed, so these are ours to free, with our own code
 * (the parser's allocator is its own business). */
static void
fill_batch_free (FillBatch *batch)
{
  bantin_feed_update_clear (&batch->update);
  for (guint i = 0; i < batch->parsed->items->len; i++)
    {
      BantinParsedItem *item = g_ptr_array_index (batch->parsed->items, i);

      g_free (item->guid);
      g_free (item->link);
      g_free (item->title);
      g_free (item->author);
      g_free (item->summary);
      g_free (item->content);
      g_free (item->image_url);
      g_ptr_array_unref (item->enclosures);
      g_free (item);
    }
  g_ptr_array_unref (batch->parsed->items);
  g_free (batch->parsed->title);
  g_free (batch->parsed->site_url);
  g_free (batch->parsed->description);
  g_free (batch->parsed);
  g_free (batch);
}

/* Articles go in as three years of daily syncs would have put them: time
 * slice by time slice, oldest first, each feed's share of a slice in one
 * transaction. A store that grew this way has its indexes in date order,
 * as a real one has. */
static gpointer
fill_producer (gpointer user_data)
{
  FillJob *job = user_data;
  guint max_articles = 0;
  guint n_slices;

  for (guint f = 0; f < job->feeds->len; f++)
    {
      FillFeed *feed = g_ptr_array_index (job->feeds, f);

      max_articles = MAX (max_articles, feed->n_articles);
    }
  n_slices = MAX (1u, (max_articles + job->batch_size - 1) / job->batch_size);

  for (guint slice = 0; slice < n_slices; slice++)
    for (guint f = 0; f < job->feeds->len; f++)
      {
        FillFeed *feed = g_ptr_array_index (job->feeds, f);
        guint n = feed->n_articles;
        /* Item 0 is the newest, so the oldest slice is the end of the feed. */
        guint first = n - (guint) (((guint64) slice + 1) * n / n_slices);
        guint last = n - (guint) ((guint64) slice * n / n_slices);
        FillBatch *batch;

        if (first == last)
          continue;

        batch = g_new0 (FillBatch, 1);
        g_async_queue_pop (job->free_slots);

        batch->parsed = g_new0 (BantinParsedFeed, 1);
        batch->parsed->format = BANTIN_FEED_FORMAT_RSS;
        batch->parsed->title = make_feed_title (CORPUS_FILL, feed->index);
        batch->parsed->site_url = g_strdup_printf ("https://bao-%u.example.vn/", feed->index);
        batch->parsed->items = g_ptr_array_new ();

        for (guint j = first; j < last; j++)
          {
            BantinParsedItem *parsed = g_new0 (BantinParsedItem, 1);
            BenchItem item = { 0 };

            bench_item_generate (CORPUS_FILL, feed->index, j, n, job->short_body, &item);
            parsed->guid = g_steal_pointer (&item.guid);
            parsed->link = g_steal_pointer (&item.link);
            parsed->title = g_steal_pointer (&item.title);
            parsed->author = g_steal_pointer (&item.author);
            parsed->summary = g_markup_escape_text (item.summary, -1);
            parsed->content = g_steal_pointer (&item.content);
            parsed->published = item.published;
            parsed->updated = item.published;
            parsed->enclosures = g_ptr_array_new_with_free_func (g_free);
            bench_item_clear (&item);
            g_ptr_array_add (batch->parsed->items, parsed);
          }

        batch->update.feed_id = feed->id;
        batch->update.checked_at = g_get_real_time () / G_USEC_PER_SEC;
        batch->update.http_status = 200;
        batch->update.etag = feed->etag;
        batch->update.last_modified = feed->last_modified;
        batch->update.parsed = batch->parsed;
        bantin_feed_update_prepare (&batch->update, job->tz);

        g_async_queue_push (job->ready, batch);
      }

  g_async_queue_push (job->ready, GINT_TO_POINTER (1));
  return NULL;
}

static int
cmd_fill (int    argc,
          char **argv)
{
  g_autofree char *data_dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *path = NULL;
  int n_articles = 0;
  int n_feeds = 0;
  int batch_size = 25;
  gboolean short_body = FALSE;
  gboolean into_existing = FALSE;
  gboolean no_index = FALSE;
  GOptionEntry entries[] = {
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir, "Bantin's data folder", "DIR" },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "The database file itself", "FILE" },
    { "articles", 0, 0, G_OPTION_ARG_INT, &n_articles, "How many articles to add", "N" },
    { "feeds", 0, 0, G_OPTION_ARG_INT, &n_feeds, "Spread them over this many new feeds (default N/1000)", "F" },
    { "batch", 0, 0, G_OPTION_ARG_INT, &batch_size, "Articles per feed and transaction (default 25)", "B" },
    { "short", 0, 0, G_OPTION_ARG_NONE, &short_body, "0.2–0.6 KB bodies instead of 1–5 KB", NULL },
    { "into-existing", 0, 0, G_OPTION_ARG_NONE, &into_existing,
      "Add them to the feeds already there, keeping their validators", NULL },
    { "no-index", 0, 0, G_OPTION_ARG_NONE, &no_index, "Do not catch up the search index", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— write synthetic articles into a store");
  g_autoptr(GError) error = NULL;
  g_autoptr(BantinStore) store = NULL;
  g_autoptr(GPtrArray) feeds = g_ptr_array_new_with_free_func ((GDestroyNotify) fill_feed_free);
  g_autoptr(GTimeZone) tz = NULL;
  FillJob job = { 0 };
  GThread *producer;
  double start, write_ms;
  guint64 total_new = 0;
  gboolean failed = FALSE;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bantin-bench fill: %s\n", error->message);
      return 2;
    }
  if ((data_dir == NULL) == (db == NULL) || n_articles <= 0 || n_feeds < 0 || batch_size <= 0)
    {
      g_printerr ("bantin-bench fill: give --data-dir or --db, and --articles\n");
      return 2;
    }

  if (data_dir != NULL && g_mkdir_with_parents (data_dir, 0700) != 0)
    {
      g_printerr ("bantin-bench fill: cannot create %s\n", data_dir);
      return 1;
    }

  path = store_path_for (data_dir, db);
  store = bantin_store_open (path, &error);
  if (store == NULL)
    {
      g_printerr ("bantin-bench fill: %s: %s\n", path, error->message);
      return 1;
    }

  if (into_existing)
    {
      g_autoptr(GPtrArray) existing = bantin_store_list_feeds (store, &error);

      if (existing == NULL || existing->len == 0)
        {
          g_printerr ("bantin-bench fill: no feeds to fill%s%s\n",
                      error ? ": " : "", error ? error->message : "");
          return 1;
        }
      for (guint i = 0; i < existing->len; i++)
        {
          FillFeed *feed = g_new0 (FillFeed, 1);

          feed->id = bantin_feed_get_id (g_ptr_array_index (existing, i));
          feed->index = 100000 + i;
          feed->n_articles = (guint) n_articles / existing->len
                             + (i < (guint) n_articles % existing->len ? 1 : 0);
          if (!bantin_store_get_feed_validators (store, feed->id, &feed->url, &feed->etag,
                                                 &feed->last_modified, &error))
            {
              g_printerr ("bantin-bench fill: %s\n", error->message);
              fill_feed_free (feed);
              return 1;
            }
          g_ptr_array_add (feeds, feed);
        }
    }
  else
    {
      if (n_feeds == 0)
        n_feeds = MAX (1, n_articles / 1000);

      for (int i = 0; i < n_feeds; i++)
        {
          FillFeed *feed = g_new0 (FillFeed, 1);
          g_autofree char *title = make_feed_title (CORPUS_FILL, (guint) i);

          /* Port 9 (discard) is closed here: syncing such a store fails
           * fast instead of reaching out. */
          feed->url = g_strdup_printf ("http://127.0.0.1:9/luu-tru/%d.xml", i);
          feed->index = (guint) i;
          feed->n_articles = (guint) n_articles / (guint) n_feeds
                             + ((guint) i < (guint) n_articles % (guint) n_feeds ? 1 : 0);
          feed->id = bantin_store_add_feed (store, feed->url, title, "Lưu trữ", &error);
          if (feed->id <= 0)
            {
              g_printerr ("bantin-bench fill: adding %s: %s\n", feed->url,
                          error ? error->message : "no id");
              fill_feed_free (feed);
              return 1;
            }
          g_ptr_array_add (feeds, feed);
        }
    }

  tz = bantin_date_get_timezone ();
  job.feeds = feeds;
  job.n_articles = (guint) n_articles;
  job.batch_size = (guint) batch_size;
  job.short_body = short_body;
  job.tz = tz;
  job.ready = g_async_queue_new ();
  job.free_slots = g_async_queue_new ();
  for (guint i = 0; i < 16; i++)
    g_async_queue_push (job.free_slots, GINT_TO_POINTER (1));

  /* Generating and preparing (sanitize, fold) run on a second core while
   * this thread only writes, as the sync engine splits the work. */
  start = now_ms ();
  producer = g_thread_new ("bench-fill", fill_producer, &job);
  for (;;)
    {
      gpointer next = g_async_queue_pop (job.ready);
      FillBatch *batch;
      guint n_new = 0, n_updated = 0;

      if (next == GINT_TO_POINTER (1))
        break;
      batch = next;
      if (!failed && !bantin_store_apply_update (store, &batch->update, &n_new, &n_updated, &error))
        {
          g_printerr ("bantin-bench fill: %s\n", error->message);
          failed = TRUE;
        }
      total_new += n_new;
      fill_batch_free (batch);
      g_async_queue_push (job.free_slots, GINT_TO_POINTER (1));
    }
  g_thread_join (producer);
  g_async_queue_unref (job.ready);
  g_async_queue_unref (job.free_slots);
  write_ms = now_ms () - start;

  if (failed)
    return 1;

  g_print ("fill: %" G_GUINT64_FORMAT " new articles in %u feeds, %.1f s, %.0f articles/s\n",
           total_new, feeds->len, write_ms / 1000.0, (double) total_new * 1000.0 / write_ms);

  if (!no_index)
    {
      start = now_ms ();
      if (!bantin_store_catch_up_search_index (store, &error))
        {
          g_printerr ("bantin-bench fill: catching up the search index: %s\n", error->message);
          return 1;
        }
      g_print ("fill-index: %.1f s\n", (now_ms () - start) / 1000.0);
    }

  g_print ("peak-rss: %" G_GUINT64_FORMAT " KiB\n", read_status_kib ("VmHWM:"));
  return 0;
}

/* --- main ---------------------------------------------------------------------- */

int
main (int   argc,
      char *argv[])
{
  const char *command;

  /* The benchmark never touches the network beyond 127.0.0.1, and a
   * proxy from the environment must not change that. */
  g_setenv ("no_proxy", "127.0.0.1,localhost", TRUE);
  signal (SIGPIPE, SIG_IGN);

  if (argc < 2)
    {
      g_printerr ("Usage: bantin-bench serve|query|fill [OPTION…] (--help for each)\n");
      return 2;
    }

  command = argv[1];
  argv[1] = argv[0];
  if (g_str_equal (command, "serve"))
    return cmd_serve (argc - 1, argv + 1);
  if (g_str_equal (command, "query"))
    return cmd_query (argc - 1, argv + 1);
  if (g_str_equal (command, "fill"))
    return cmd_fill (argc - 1, argv + 1);

  g_printerr ("bantin-bench: unknown command %s\n", command);
  return 2;
}

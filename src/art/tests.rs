use super::*;

/// A decoded PNG: width, height and RGBA pixels.
struct Image {
    width: u32,
    height: u32,
    rgba: Vec<u8>,
}

fn decode(png: &[u8]) -> Image {
    let mut decoder = ::png::Decoder::new(std::io::Cursor::new(png));
    decoder.set_transformations(::png::Transformations::EXPAND | ::png::Transformations::ALPHA);
    let mut reader = decoder.read_info().unwrap();
    let mut rgba = vec![0; reader.output_buffer_size().unwrap()];
    let frame = reader.next_frame(&mut rgba).unwrap();
    assert_eq!(frame.color_type, ::png::ColorType::Rgba);
    rgba.truncate(frame.buffer_size());
    Image {
        width: frame.width,
        height: frame.height,
        rgba,
    }
}

impl Image {
    fn pixel(&self, x: u32, y: u32) -> [u8; 4] {
        let i = ((y * self.width + x) * 4) as usize;
        [
            self.rgba[i],
            self.rgba[i + 1],
            self.rgba[i + 2],
            self.rgba[i + 3],
        ]
    }

    /// Pixels of the rectangle that are near white (text on the badge is white).
    fn white_pixels(&self, x: std::ops::Range<u32>, y: std::ops::Range<u32>) -> usize {
        y.flat_map(|y| x.clone().map(move |x| (x, y)))
            .filter(|&(x, y)| {
                let [r, g, b, a] = self.pixel(x, y);
                a > 200 && r > 220 && g > 220 && b > 220
            })
            .count()
    }
}

fn exam() -> Design<'static> {
    Design {
        kind: BadgeKind::Exam,
        level: Some(Level::Associate),
        label: "AZ-104",
        issuer: "Microsoft",
        title: "Microsoft Azure Administrator",
        retired: false,
    }
}

fn certification(
    level: Option<Level>,
    label: &'static str,
    title: &'static str,
) -> Design<'static> {
    Design {
        kind: BadgeKind::Certification,
        level,
        label,
        issuer: "Microsoft",
        title,
        retired: false,
    }
}

#[test]
fn the_fonts_are_the_shipped_ones_only() {
    let db = fonts::database();
    assert_eq!(db.len(), 2);
    for face in db.faces() {
        assert!(
            face.families.iter().any(|(name, _)| name == fonts::FAMILY),
            "{face:?}"
        );
    }
    assert!(fonts::width_em("AZ-104", fonts::Weight::Bold, 0.0) > 2.0);
    assert!(fonts::covers("Zoë Ångström-Dvořák Ελένη Юлия"));
    assert!(!fonts::covers("王小明"));
}

#[test]
fn the_svg_names_the_badge_and_escapes_every_text() {
    let design = Design {
        kind: BadgeKind::Certification,
        level: None,
        label: "<b>&\"x\"",
        issuer: "Evil & <Co> \"Ltd\"",
        title: "Title <script>alert('x')</script> & \"more\"\u{0}",
        retired: false,
    };
    let svg = badge_svg(&design);
    assert!(svg.contains(r#"role="img""#));
    assert!(svg.contains(
        "<title>Title &lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; &quot;more&quot;</title>"
    ));
    assert!(!svg.contains("<script"));
    assert!(!svg.contains("<b>"));
    assert!(!svg.contains('\u{0}'));
    assert!(svg.contains("EVIL &amp; &lt;CO&gt; &quot;LTD&quot;"));
    // It is well-formed: resvg reads and draws it.
    decode(&badge_png(&design).unwrap());

    let preview = Preview {
        design,
        title: "A <title> & more",
        earner: "Robert'); DROP TABLE <students>; & \"friends\"",
        issuer: "Evil & <Co>",
        date_text: "<1 January 2020>",
    };
    let svg = preview_svg(&preview);
    assert!(!svg.contains("<students>"));
    assert!(!svg.contains("<title> &"));
    assert!(svg.contains("&lt;students&gt;"));
    decode(&preview_png(&preview).unwrap());
}

#[test]
fn a_label_too_long_for_its_place_is_cut_not_shrunk_to_nothing() {
    let long = "A catalog label far longer than any badge could hold on two lines";
    let svg = badge_svg(&Design {
        label: long,
        ..certification(None, "", "t")
    });
    assert!(svg.contains('…'), "{svg}");
    assert!(!svg.contains(long));
    assert!(svg.contains(r#"font-size="18.0""#), "{svg}");
}

#[test]
fn a_badge_png_is_square_at_its_size_and_transparent_around_its_shape() {
    for design in [
        exam(),
        certification(
            Some(Level::Expert),
            "Azure Architect",
            "Microsoft Certified: Azure Solutions Architect Expert",
        ),
    ] {
        let image = decode(&badge_png(&design).unwrap());
        assert_eq!(
            (image.width, image.height),
            (BADGE_PNG_SIZE, BADGE_PNG_SIZE)
        );
        assert_eq!(image.pixel(0, 0)[3], 0, "a transparent corner");
        assert_eq!(image.pixel(120, 120)[3], 255, "an opaque middle");
    }
}

#[test]
fn the_label_is_drawn_with_no_system_font() {
    // The same badge with and without its label: the label's place holds white text.
    let with = decode(&badge_png(&exam()).unwrap());
    let without = decode(
        &badge_png(&Design {
            label: "",
            ..exam()
        })
        .unwrap(),
    );
    let label_area = (50..190, 90..135);
    let drawn = with.white_pixels(label_area.0.clone(), label_area.1.clone());
    let empty = without.white_pixels(label_area.0, label_area.1);
    assert!(empty < 50, "{empty} white pixels without a label");
    assert!(drawn > 800, "only {drawn} white pixels of text");

    // The small texts too: the issuer at the top, the level at the bottom.
    assert!(with.white_pixels(70..170, 58..74) > 60);
    assert!(with.white_pixels(60..180, 160..176) > 60);
}

#[test]
fn a_preview_is_exactly_1200_by_630_and_shows_its_texts() {
    let long = "Microsoft Certified: Security, Compliance, and Identity Fundamentals and a great deal more that goes on and on and on";
    let preview = Preview {
        design: certification(Some(Level::Fundamentals), "SCI", long),
        title: long,
        earner: "Maria Magdalena Alexandra von Hohenzollern-Sigmaringen de la Cruz y Fernández",
        issuer: "Microsoft",
        date_text: "15 January 2020",
    };
    let svg = preview_svg(&preview);
    assert!(svg.contains('…'), "the long title is ellipsized");
    let image = decode(&preview_png(&preview).unwrap());
    assert_eq!((image.width, image.height), (PREVIEW_WIDTH, PREVIEW_HEIGHT));
    assert_eq!(image.pixel(1199, 629)[3], 255, "opaque");
    // Dark text in the text column, none past its right margin.
    let dark = |x: std::ops::Range<u32>| {
        (60..560)
            .flat_map(|y| x.clone().map(move |x| (x, y)))
            .filter(|&(x, y)| {
                let [r, g, b, _] = image.pixel(x, y);
                u32::from(r) + u32::from(g) + u32::from(b) < 200
            })
            .count()
    };
    assert!(dark(590..1130) > 5000, "the title is drawn");
    assert_eq!(dark(1140..1200), 0, "no text overflows");
}

#[test]
fn a_name_the_font_cannot_draw_is_left_out_rather_than_drawn_as_boxes() {
    let preview = Preview {
        design: exam(),
        title: "Microsoft Azure Administrator",
        earner: "王小明",
        issuer: "Microsoft",
        date_text: "2020年1月15日",
    };
    let svg = preview_svg(&preview);
    assert!(!svg.contains(">王小明</text>"));
    assert!(svg.contains("<title>Microsoft Azure Administrator · 王小明</title>"));
}

/// Writes the pictures to /tmp/art-*.png to look at:
/// `cargo test --lib art::tests::samples -- --ignored`.
#[test]
#[ignore]
fn samples() {
    let write =
        |name: &str, png: Vec<u8>| std::fs::write(format!("/tmp/art-{name}.png"), png).unwrap();
    let label = |kind, code, title| short_label(kind, code, title, None);
    let cases: Vec<(&str, BadgeKind, &str, &str, bool)> = vec![
        (
            "exam",
            BadgeKind::Exam,
            "AZ-104",
            "Microsoft Azure Administrator",
            false,
        ),
        (
            "exam-fundamentals",
            BadgeKind::Exam,
            "AZ-900",
            "Microsoft Azure Fundamentals",
            false,
        ),
        (
            "fundamentals",
            BadgeKind::Certification,
            "azure-fundamentals",
            "Microsoft Certified: Azure Fundamentals",
            false,
        ),
        (
            "sci",
            BadgeKind::Certification,
            "security-compliance-identity-fundamentals",
            "Microsoft Certified: Security, Compliance, and Identity Fundamentals",
            false,
        ),
        (
            "associate",
            BadgeKind::Certification,
            "azure-administrator",
            "Microsoft Certified: Azure Administrator Associate",
            false,
        ),
        (
            "developer",
            BadgeKind::Certification,
            "azure-developer",
            "Microsoft Certified: Azure Developer Associate",
            false,
        ),
        (
            "expert",
            BadgeKind::Certification,
            "azure-solutions-architect",
            "Microsoft Certified: Azure Solutions Architect Expert",
            false,
        ),
        (
            "specialty",
            BadgeKind::Certification,
            "azure-sap",
            "Microsoft Certified: Azure for SAP Workloads Specialty",
            false,
        ),
        (
            "mos",
            BadgeKind::Certification,
            "mos-word-associate",
            "Microsoft Office Specialist: Word Associate (Office 2019)",
            false,
        ),
        (
            "retired",
            BadgeKind::Certification,
            "mcsa-windows-server-2016",
            "MCSA: Windows Server 2016",
            true,
        ),
        (
            "retired-exam",
            BadgeKind::Exam,
            "70-740",
            "Installation, Storage, and Compute with Windows Server 2016",
            true,
        ),
    ];
    // A contact sheet: every badge at 240 px, then at 96 px, on white.
    let columns = 6;
    let rows = cases.len().div_ceil(columns);
    let (sheet_w, sheet_h) = (columns * 250, rows * 250 + rows * 106);
    let mut sheet = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{sheet_w}" height="{sheet_h}" viewBox="0 0 {sheet_w} {sheet_h}"><rect width="100%" height="100%" fill="#ffffff"/>"##
    );
    for (i, (name, kind, code, title, retired)) in cases.iter().enumerate() {
        let text = label(*kind, code, title);
        let design = Design {
            kind: *kind,
            level: Level::named_in(title),
            label: &text,
            issuer: "Microsoft",
            title,
            retired: *retired,
        };
        write(name, badge_png(&design).unwrap());
        write(
            &format!("{name}-96"),
            render::png(&badge_svg(&design), 96, 96).unwrap(),
        );
        let (x, y) = ((i % columns) * 250 + 5, (i / columns) * 250 + 5);
        sheet.push_str(&format!(r#"<g transform="translate({x} {y})">"#));
        svg::badge_body_for_tests(&mut sheet, &design, &format!("s{i}"));
        sheet.push_str("</g>");
        let (x, y) = (
            (i % columns) * 250 + 77,
            rows * 250 + (i / columns) * 106 + 5,
        );
        sheet.push_str(&format!(r#"<g transform="translate({x} {y}) scale(0.4)">"#));
        svg::badge_body_for_tests(&mut sheet, &design, &format!("t{i}"));
        sheet.push_str("</g>");
    }
    sheet.push_str("</svg>");
    write(
        "sheet",
        render::png(&sheet, sheet_w as u32, sheet_h as u32).unwrap(),
    );
    let design = certification(
        Some(Level::Associate),
        "Azure Admin",
        "Microsoft Certified: Azure Administrator Associate",
    );
    write(
        "preview",
        preview_png(&Preview {
            design,
            title: design.title,
            earner: "Ada Lovelace",
            issuer: "Microsoft",
            date_text: "15 January 2020",
        })
        .unwrap(),
    );
    let small = Preview {
        design,
        title: design.title,
        earner: "Ada Lovelace",
        issuer: "Microsoft",
        date_text: "15 January 2020",
    };
    write(
        "preview-thumbnail",
        render::png(&preview_svg(&small), 480, 252).unwrap(),
    );
    let long = certification(
        Some(Level::Fundamentals),
        "SCI",
        "Microsoft Certified: Security, Compliance, and Identity Fundamentals",
    );
    write(
        "preview-long",
        preview_png(&Preview {
            design: long,
            title: long.title,
            earner: "Maria Magdalena Alexandra von Hohenzollern-Sigmaringen de la Cruz y Fernández",
            issuer: "Microsoft",
            date_text: "15 janvier 2020",
        })
        .unwrap(),
    );
}

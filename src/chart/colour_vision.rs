//! How colours look to readers with a colour vision deficiency, and how far apart two
//! colours look: the Machado–Oliveira–Fernandes (2009) simulation of protanopia,
//! deuteranopia and tritanopia (severity 1, on linear RGB) and the CIEDE2000 colour
//! difference in CIELAB (D65). The palette's tests hold every pair of series colours
//! and of event category colours apart under each (see [`super::palette`]).

use super::Rgb;

/// A colour vision deficiency, at full severity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Deficiency {
    /// Red cones missing (about 1% of men).
    Protanopia,
    /// Green cones missing (about 1% of men; its milder form about 5%).
    Deuteranopia,
    /// Blue cones missing (rare).
    Tritanopia,
}

impl Deficiency {
    pub const ALL: [Deficiency; 3] = [
        Deficiency::Protanopia,
        Deficiency::Deuteranopia,
        Deficiency::Tritanopia,
    ];

    /// Machado et al. 2009, Table 2, severity 1.0: linear RGB to linear RGB.
    fn matrix(self) -> [[f64; 3]; 3] {
        match self {
            Deficiency::Protanopia => [
                [0.152_286, 1.052_583, -0.204_868],
                [0.114_503, 0.786_281, 0.099_216],
                [-0.003_882, -0.048_116, 1.051_998],
            ],
            Deficiency::Deuteranopia => [
                [0.367_322, 0.860_646, -0.227_968],
                [0.280_085, 0.672_501, 0.047_413],
                [-0.011_820, 0.042_940, 0.968_881],
            ],
            Deficiency::Tritanopia => [
                [1.255_528, -0.076_749, -0.178_779],
                [-0.078_411, 0.930_809, 0.147_602],
                [0.004_733, 0.691_367, 0.303_900],
            ],
        }
    }
}

/// A colour in CIELAB (D65 white): lightness 0…100 and the two opponent axes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Lab {
    pub l: f64,
    pub a: f64,
    pub b: f64,
}

/// `colour` as seen with normal vision (`None`) or with `deficiency`, in CIELAB.
pub fn seen(colour: Rgb, deficiency: Option<Deficiency>) -> Lab {
    let linear = [colour.0, colour.1, colour.2].map(linear_channel);
    let simulated = match deficiency {
        None => linear,
        Some(deficiency) => {
            let matrix = deficiency.matrix();
            matrix.map(|row| {
                (row[0] * linear[0] + row[1] * linear[1] + row[2] * linear[2]).clamp(0.0, 1.0)
            })
        }
    };
    lab_from_linear(simulated)
}

/// `colour` drawn with `opacity` over `background`, as the plots blend event lines.
pub fn blended(colour: Rgb, background: Rgb, opacity: f64) -> Rgb {
    let mix = |over: u8, under: u8| {
        (opacity * f64::from(over) + (1.0 - opacity) * f64::from(under)).round() as u8
    };
    Rgb(
        mix(colour.0, background.0),
        mix(colour.1, background.1),
        mix(colour.2, background.2),
    )
}

/// An sRGB channel (0…255) as linear light (0…1).
fn linear_channel(channel: u8) -> f64 {
    let c = f64::from(channel) / 255.0;
    if c <= 0.040_45 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

fn lab_from_linear([r, g, b]: [f64; 3]) -> Lab {
    // sRGB to XYZ, then relative to the D65 white.
    let x = (0.412_456_4 * r + 0.357_576_1 * g + 0.180_437_5 * b) / 0.950_47;
    let y = 0.212_672_9 * r + 0.715_152_2 * g + 0.072_175_0 * b;
    let z = (0.019_333_9 * r + 0.119_192_0 * g + 0.950_304_1 * b) / 1.088_83;
    let f = |t: f64| {
        if t > 216.0 / 24_389.0 {
            t.cbrt()
        } else {
            (24_389.0 / 27.0 * t + 16.0) / 116.0
        }
    };
    let (fx, fy, fz) = (f(x), f(y), f(z));
    Lab {
        l: 116.0 * fy - 16.0,
        a: 500.0 * (fx - fy),
        b: 200.0 * (fy - fz),
    }
}

/// The CIEDE2000 difference of two colours (Sharma, Wu and Dalal 2005): about 1 is
/// just noticeable side by side; thin lines on a chart want 10 or more.
pub fn ciede2000(first: Lab, second: Lab) -> f64 {
    let pow7 = |value: f64| value.powi(7);
    let chroma_mean = (first.a.hypot(first.b) + second.a.hypot(second.b)) / 2.0;
    let g = 0.5 * (1.0 - (pow7(chroma_mean) / (pow7(chroma_mean) + pow7(25.0))).sqrt());
    let (a1, a2) = ((1.0 + g) * first.a, (1.0 + g) * second.a);
    let (c1, c2) = (a1.hypot(first.b), a2.hypot(second.b));
    let hue = |b: f64, a: f64| {
        if a == 0.0 && b == 0.0 {
            0.0
        } else {
            b.atan2(a).to_degrees().rem_euclid(360.0)
        }
    };
    let (h1, h2) = (hue(first.b, a1), hue(second.b, a2));
    let delta_l = second.l - first.l;
    let delta_c = c2 - c1;
    let delta_h_angle = if c1 * c2 == 0.0 {
        0.0
    } else if (h2 - h1).abs() <= 180.0 {
        h2 - h1
    } else if h2 - h1 > 180.0 {
        h2 - h1 - 360.0
    } else {
        h2 - h1 + 360.0
    };
    let delta_h = 2.0 * (c1 * c2).sqrt() * (delta_h_angle.to_radians() / 2.0).sin();
    let l_mean = (first.l + second.l) / 2.0;
    let c_mean = (c1 + c2) / 2.0;
    let h_mean = if c1 * c2 == 0.0 {
        h1 + h2
    } else if (h1 - h2).abs() <= 180.0 {
        (h1 + h2) / 2.0
    } else if h1 + h2 < 360.0 {
        (h1 + h2 + 360.0) / 2.0
    } else {
        (h1 + h2 - 360.0) / 2.0
    };
    let cos = |degrees: f64| degrees.to_radians().cos();
    let t =
        1.0 - 0.17 * cos(h_mean - 30.0) + 0.24 * cos(2.0 * h_mean) + 0.32 * cos(3.0 * h_mean + 6.0)
            - 0.20 * cos(4.0 * h_mean - 63.0);
    let delta_theta = 30.0 * (-((h_mean - 275.0) / 25.0).powi(2)).exp();
    let r_c = 2.0 * (pow7(c_mean) / (pow7(c_mean) + pow7(25.0))).sqrt();
    let s_l = 1.0 + 0.015 * (l_mean - 50.0).powi(2) / (20.0 + (l_mean - 50.0).powi(2)).sqrt();
    let s_c = 1.0 + 0.045 * c_mean;
    let s_h = 1.0 + 0.015 * c_mean * t;
    let r_t = -(2.0 * delta_theta).to_radians().sin() * r_c;
    let (l, c, h) = (delta_l / s_l, delta_c / s_c, delta_h / s_h);
    (l * l + c * c + h * h + r_t * c * h).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lab(l: f64, a: f64, b: f64) -> Lab {
        Lab { l, a, b }
    }

    #[test]
    fn ciede2000_agrees_with_sharmas_published_pairs() {
        // Sharma, Wu and Dalal (2005), Table 1: pairs 1, 7, 17 and 25.
        let pairs = [
            (
                lab(50.0, 2.6772, -79.7751),
                lab(50.0, 0.0, -82.7485),
                2.0425,
            ),
            (lab(50.0, 0.0, 0.0), lab(50.0, -1.0, 2.0), 2.3669),
            (lab(50.0, 2.5, 0.0), lab(73.0, 25.0, -18.0), 27.1492),
            (
                lab(60.2574, -34.0099, 36.2677),
                lab(60.4626, -34.1751, 39.4387),
                1.2644,
            ),
        ];
        for (first, second, expected) in pairs {
            let found = ciede2000(first, second);
            assert!((found - expected).abs() < 1e-4, "{found} != {expected}");
            assert!((ciede2000(second, first) - expected).abs() < 1e-4);
        }
    }

    #[test]
    fn white_and_black_are_the_ends_of_lightness() {
        let white = seen(Rgb(255, 255, 255), None);
        assert!((white.l - 100.0).abs() < 0.01 && white.a.abs() < 0.01 && white.b.abs() < 0.01);
        assert!(seen(Rgb(0, 0, 0), None).l.abs() < 1e-9);
        // sRGB red: L 53.24, a 80.09, b 67.20 (the usual published figures).
        let red = seen(Rgb(255, 0, 0), None);
        assert!((red.l - 53.24).abs() < 0.01 && (red.a - 80.09).abs() < 0.02);
    }

    #[test]
    fn the_simulations_confuse_what_each_deficiency_confuses() {
        let distance = |a: Rgb, b: Rgb, deficiency| {
            ciede2000(seen(a, Some(deficiency)), seen(b, Some(deficiency)))
        };
        let (red, green) = (Rgb(0xCC, 0x33, 0x33), Rgb(0x66, 0x66, 0x00));
        let normal = ciede2000(seen(red, None), seen(green, None));
        assert!(distance(red, green, Deficiency::Deuteranopia) < normal / 2.0);
        assert!(distance(red, green, Deficiency::Protanopia) < normal / 2.0);
        // Greys stay grey: each row of the matrices sums to 1.
        let grey = Rgb(128, 128, 128);
        for deficiency in Deficiency::ALL {
            assert!(distance(grey, grey, deficiency).abs() < 1e-9);
            let seen_grey = seen(grey, Some(deficiency));
            assert!(
                seen_grey.a.abs() < 0.5 && seen_grey.b.abs() < 0.5,
                "{deficiency:?}"
            );
        }
    }

    #[test]
    fn blending_mixes_by_opacity() {
        assert_eq!(
            blended(Rgb(200, 100, 0), Rgb(0, 0, 0), 0.5),
            Rgb(100, 50, 0)
        );
        assert_eq!(
            blended(Rgb(200, 100, 0), Rgb(10, 20, 30), 1.0),
            Rgb(200, 100, 0)
        );
    }
}
